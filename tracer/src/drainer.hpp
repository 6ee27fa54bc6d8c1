// Turns the hot records of one thread buffer into format records in a chunk encoder
// (writer thread only), interning their strings, locations and stacks on the way.
#pragma once

#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

#include "clock.hpp"
#include "coscope/format/chunk_encoder.hpp"
#include "definitions.hpp"
#include "symbolizer.hpp"
#include "thread_buffer.hpp"

namespace coscope::tracer::detail {

// How long a drain waits (stopped at one record) for a task's name or for its spawn.
enum class Wait {
  normal,  // up to 100 ms, or longer while the ring has room (see drainer.cpp)
  final,   // not for names (none can come any more); for spawns, as long as rounds progress
  never,   // the last rounds made no progress: write everything that is left
};

class Drainer {
 public:
  // Tasks whose ids are below `first_task` were spawned before this session: their events
  // never wait for a spawn.
  Drainer(Definitions& definitions, const Clock& clock, std::uint64_t first_task)
      : definitions_(definitions), clock_(clock), first_task_(first_task) {}

  // Appends the buffer's records to `out` and returns the number of words drained. The drain
  // stops (the rest waits for a later round) at
  //  - a spawn whose name is still expected;
  //  - an event of a task whose spawn has not been drained yet: a task spawned on one thread
  //    runs on another, whose buffer may be drained first (or the spawn is held for its
  //    name). Chunks are written in the order buffers are drained, so this keeps every
  //    task's spawn ahead of its other events in the file.
  // Neither waits for ever (a spawn record may have been dropped), see Wait.
  std::uint64_t drain(ThreadBuffer& buffer, format::ChunkEncoder& out, Wait wait);
  // Discards what a buffer holds (a new session starts clean).
  static void discard(ThreadBuffer& buffer);

  // Function name of a code address, interned; resolved once per address.
  format::StringId function_name(std::uint64_t address);
  Symbolizer& symbolizer();

 private:
  void convert(ThreadBuffer& buffer, std::uint64_t at, format::ChunkEncoder& out);
  format::StackId stack_at(ThreadBuffer& buffer, std::uint64_t at, unsigned frames,
                           unsigned awaiters);
  // Definitions::operation() through a small cache: a hash map lookup per suspend was a
  // tenth of the writer's work on a post ping-pong.
  format::StringId operation(const char* object_type, const char* op_name);

  static constexpr unsigned kOperationCacheSize = 64;
  struct CachedOperation {
    const char* object_type = nullptr;
    const char* op_name = nullptr;
    format::StringId id = 0;
  };
  CachedOperation operation_cache_[kOperationCacheSize];

  Definitions& definitions_;
  const Clock& clock_;
  std::unique_ptr<Symbolizer> symbolizer_;
  std::unordered_map<std::uint64_t, format::StringId> function_names_;
  bool spawned(std::uint64_t task) const {
    std::uint64_t i = task - first_task_;
    return task < first_task_ || i >= kMaxGatedTasks ||
           (i / 64 < spawned_.size() && (spawned_[i / 64] >> (i % 64) & 1) != 0);
  }
  void mark_spawned(std::uint64_t task);

  // Where a buffer's drain stopped to wait, and since when.
  struct Holding {
    std::uint64_t at = 0;
    std::uint64_t since_ns = 0;
  };
  // True while the drain stopped at `at` may still wait.
  bool keep_waiting(const ThreadBuffer& buffer, std::uint64_t at, Wait wait);

  const std::uint64_t first_task_;
  // One bit per task of this session (ids are dense): its spawn has been drained. Tasks past
  // kMaxGatedTasks (32 MiB of bits) are not waited for.
  static constexpr std::uint64_t kMaxGatedTasks = std::uint64_t{1} << 28;
  std::vector<std::uint64_t> spawned_;
  std::unordered_map<const ThreadBuffer*, Holding> holding_;
  std::uint64_t scratch_[128];

  // Stacks seen lately, by a hash of their words: most suspends repeat an awaiter chain
  // already interned, and Definitions::stack() builds a string key and locks per call. Wide
  // enough for a physical stack with its awaiters (COSCOPE_STACKS=suspend: ≈ 14 words on an
  // echo server, whose every suspend missed this cache when it held 8).
  static constexpr unsigned kCachedWords = 48;
  static constexpr unsigned kStackCacheSize = 256;
  struct CachedStack {
    std::uint64_t hash = 0;
    format::StackId id = 0;
    unsigned frames = 0;
    unsigned awaiters = 0;
    std::uint64_t words[kCachedWords];
  };
  CachedStack stack_cache_[kStackCacheSize];
};

}  // namespace coscope::tracer::detail
