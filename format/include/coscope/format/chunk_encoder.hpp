// Encodes records into the payload of one chunk (the events of one thread's buffer).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
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
  // Starts a new chunk for another thread (clears what is buffered, keeps the memory).
  void reset(ThreadId thread);

  // Appends one record. Events are delta-encoded against the previous event of this chunk.
  // EventBase::thread is ignored: every event of a chunk belongs to the chunk's thread.
  void add(const Record& record);

  // The tracer's writer encodes millions of these per second: the same bytes as add() of the
  // corresponding record, without building one. `kind` is task_wake, task_resume or
  // resume_end.
  void add_task_event(RecordKind kind, Timestamp time, TaskId task) {
    unsigned char* start = room(kMaxSmallRecord);
    finish(start, kind, event(start + 2, time, task));
  }
  void add_suspend(Timestamp time, TaskId task, StringId operation, LocationId location,
                   StackId stack) {
    unsigned char* start = room(kMaxSmallRecord);
    unsigned char* p = event(start + 2, time, task);
    p = varint(p, operation);
    p = varint(p, location);
    finish(start, RecordKind::task_suspend, varint(p, stack));
  }

  std::span<const unsigned char> payload() const { return {bytes_.get(), size_}; }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  std::size_t records() const { return records_; }

 private:
  // A small record: kind and body size (one byte each: kinds are below 0x80, and so is this
  // bound), two 10-byte varints of the event, three 5-byte ids.
  static constexpr std::size_t kMaxSmallRecord = 2 + 2 * 10 + 3 * 5;
  static_assert(kMaxSmallRecord < 0x80);

  unsigned char* room(std::size_t n) {
    if (capacity_ - size_ < n) grow(n);
    return bytes_.get() + size_;
  }
  void grow(std::size_t n);
  static unsigned char* varint(unsigned char* p, std::uint64_t v) {
    while (v >= 0x80) {
      *p++ = static_cast<unsigned char>(v | 0x80);
      v >>= 7;
    }
    *p++ = static_cast<unsigned char>(v);
    return p;
  }
  static std::uint64_t zigzag(std::int64_t v) {
    return (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63);
  }
  unsigned char* event(unsigned char* p, Timestamp time, TaskId task) {
    p = varint(p, zigzag(static_cast<std::int64_t>(time - last_time_)));
    last_time_ = time;
    p = varint(p, zigzag(static_cast<std::int64_t>(task - last_task_)));
    last_task_ = task;
    return p;
  }
  void finish(unsigned char* start, RecordKind kind, unsigned char* end) {
    start[0] = static_cast<unsigned char>(kind);
    start[1] = static_cast<unsigned char>(end - start - 2);
    size_ += static_cast<std::size_t>(end - start);
    ++records_;
  }
  void add_generic(const Record& record);

  ThreadId thread_;
  // Grown by hand: std::vector would zero every byte before it is written.
  std::unique_ptr<unsigned char[]> bytes_;
  std::size_t size_ = 0;
  std::size_t capacity_ = 0;
  std::vector<unsigned char> body_;  // scratch for one record's body (generic path)
  std::size_t records_ = 0;
  Timestamp last_time_ = 0;
  TaskId last_task_ = 0;
};

}  // namespace coscope::format
