// Encodes records into the payload of one chunk (the events of one thread's buffer).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "coscope/format/records.hpp"

namespace coscope::format {

// The largest payload a chunk may carry; readers treat larger lengths as damage, which
// bounds what a reader allocates for any input.
inline constexpr std::uint32_t kMaxChunkPayload = 16u << 20;

class ChunkEncoder {
 public:
  explicit ChunkEncoder(ThreadId thread = 0) : thread_(thread) {}

  ThreadId thread() const { return thread_; }
  // Starts a new chunk for another thread (clears what is buffered).
  void reset(ThreadId thread);

  // Appends one record. Events are delta-encoded against the previous event of this chunk.
  // EventBase::thread is ignored: every event of a chunk belongs to the chunk's thread.
  void add(const Record& record);

  const std::vector<unsigned char>& payload() const { return payload_; }
  std::size_t size() const { return payload_.size(); }
  bool empty() const { return payload_.empty(); }
  std::size_t records() const { return records_; }

 private:
  void add_generic(const Record& record);

  ThreadId thread_;
  std::vector<unsigned char> payload_;
  std::vector<unsigned char> body_;  // scratch for one record's body
  std::size_t records_ = 0;
  Timestamp last_time_ = 0;
  TaskId last_task_ = 0;
};

}  // namespace coscope::format
