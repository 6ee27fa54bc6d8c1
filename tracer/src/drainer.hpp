// Turns the hot records of one thread buffer into format records in a chunk encoder
// (writer thread only), interning their strings, locations and stacks on the way.
#pragma once

#include <cstdint>
#include <memory>
#include <unordered_map>

#include "clock.hpp"
#include "coscope/format/chunk_encoder.hpp"
#include "definitions.hpp"
#include "symbolizer.hpp"
#include "thread_buffer.hpp"

namespace coscope::tracer::detail {

class Drainer {
 public:
  Drainer(Definitions& definitions, const Clock& clock)
      : definitions_(definitions), clock_(clock) {}

  // Appends the buffer's records to `out`. A spawn whose name is still expected stops the
  // drain there (the rest waits for the next round) unless `final` or it waited 100 ms.
  // Returns the number of words drained.
  std::uint64_t drain(ThreadBuffer& buffer, format::ChunkEncoder& out, bool final);
  // Discards what a buffer holds (a new session starts clean).
  static void discard(ThreadBuffer& buffer);

  // Function name of a code address, interned; resolved once per address.
  format::StringId function_name(std::uint64_t address);
  Symbolizer& symbolizer();

 private:
  void convert(ThreadBuffer& buffer, std::uint64_t at, format::ChunkEncoder& out);
  format::StackId stack_at(ThreadBuffer& buffer, std::uint64_t at, unsigned frames,
                           unsigned awaiters);

  Definitions& definitions_;
  const Clock& clock_;
  std::unique_ptr<Symbolizer> symbolizer_;
  std::unordered_map<std::uint64_t, format::StringId> function_names_;
  std::unordered_map<const ThreadBuffer*, std::uint64_t> holding_since_;
  std::uint64_t scratch_[128];

  // Stacks seen lately, by a hash of their words: most suspends repeat an awaiter chain
  // already interned, and Definitions::stack() builds a string key and locks per call.
  static constexpr unsigned kCachedWords = 8;
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
