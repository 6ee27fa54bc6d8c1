// Events as read, before the global time order is known. The file interleaves chunks of
// different threads; each thread's events are time-ordered, so they are kept as sorted runs
// (one per thread, a new run whenever a thread's time goes backwards) in pieces of up to
// kPieceEvents events, each packed at the widths its values need (bit_pack.hpp: about 6 bytes
// an event). A k-way merge then yields the global order (ties: file order), and frees each
// piece once consumed, so staging and the final store barely coexist.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "coscope/model/types.hpp"

namespace coscope::model::detail {

struct StagedEvent {
  Time time = 0;
  std::uint64_t sequence = 0;  // position in the file, for ties
  EventKind kind = EventKind::spawn;
  TaskIndex task = kNoTask;
  ThreadIndex thread = kNoThread;
  std::uint32_t arg = 0;
};

// Largest argument staging holds (larger ones are clamped; the loader's "no detail").
inline constexpr std::uint32_t kMaxStagedArg = (1u << 28) - 1;

class Staging {
 public:
  Staging();
  ~Staging();
  Staging(Staging&&) noexcept;
  Staging& operator=(Staging&&) noexcept;

  // Appends an event read from the file (thread = the chunk's thread). Only the kinds that
  // have an argument (kind_has_arg) keep theirs; the others read back 0.
  void add(Time time, EventKind kind, TaskIndex task, ThreadIndex thread, std::uint32_t arg);
  std::uint64_t size() const { return added_; }
  Time min_time() const { return min_time_; }
  Time max_time() const { return max_time_; }

  // Removes and returns the earliest remaining event (file order among equal times).
  std::optional<StagedEvent> pop();

 private:
  static constexpr std::uint32_t kPieceEvents = 4096;
  struct Piece;
  struct Open;
  struct Run;
  void seal(Run& run, bool keep_scratch);
  void load_head(Run& run);
  StagedEvent take(Run& run);
  void heapify();
  bool later(std::size_t a, std::size_t b) const;

  std::vector<Run> runs_;
  std::vector<std::size_t> open_run_;  // per thread index: its current run (or npos)
  std::vector<std::size_t> heap_;      // runs with entries left, min-heap on (time, sequence)
  bool merging_ = false;
  std::uint64_t added_ = 0;
  Time min_time_ = ~Time{0};
  Time max_time_ = 0;
};

}  // namespace coscope::model::detail
