// Events as read, before the global time order is known. The file interleaves chunks of
// different threads; each thread's events are time-ordered, so they are kept as sorted runs
// (one per thread, a new run whenever a thread's time goes backwards) of 12-byte entries in
// fixed-size pieces. A k-way merge then yields the global order (ties: file order), and
// frees each piece once consumed, so staging and the final store barely coexist.
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

// Largest argument staging can hold (28 bits; the kind takes the other 4).
inline constexpr std::uint32_t kMaxStagedArg = (1u << 28) - 1;

class Staging {
 public:
  // Appends an event read from the file (thread = the chunk's thread).
  void add(Time time, EventKind kind, TaskIndex task, ThreadIndex thread, std::uint32_t arg);
  std::uint64_t size() const { return added_; }
  Time min_time() const { return min_time_; }
  Time max_time() const { return max_time_; }
  std::uint64_t bytes() const { return pieces_ * sizeof(Piece); }

  // Removes and returns the earliest remaining event (file order among equal times).
  std::optional<StagedEvent> pop();

 private:
  static constexpr std::uint32_t kPieceEvents = 4096;
  // Consecutive events of one run sharing a 32-bit time base. Their file positions are
  // stored as segments (first slot, its sequence) of consecutive positions: one per chunk.
  struct Segment {
    std::uint32_t first_slot;
    std::uint64_t first_sequence;
  };
  struct Piece {
    Time base = 0;
    std::uint32_t count = 0;
    std::vector<Segment> segments;
    std::uint32_t time_offset[kPieceEvents];
    TaskIndex task[kPieceEvents];
    std::uint32_t kind_arg[kPieceEvents];  // kind << 28 | arg
  };
  struct Run {
    ThreadIndex thread = kNoThread;
    Time last_time = 0;
    std::vector<std::unique_ptr<Piece>> pieces;  // consumed ones are released (null)
    std::size_t front = 0;                       // the first piece not fully consumed
    std::uint32_t cursor = 0;                    // next entry of pieces[front]
    std::uint32_t segment = 0;                   // the segment of pieces.front() holding the cursor
    Time head_time = 0;  // of the entry at the cursor (cached for heap comparisons)
    std::uint64_t head_sequence = 0;
  };
  void load_head(Run& run);
  StagedEvent head(const Run& run) const;
  void heapify();

  std::vector<Run> runs_;
  std::vector<std::size_t> open_run_;  // per thread index: its current run (or npos)
  std::vector<std::size_t> heap_;      // runs with entries left, min-heap on (time, sequence)
  bool merging_ = false;
  std::uint64_t added_ = 0;
  std::uint64_t pieces_ = 0;
  Time min_time_ = ~Time{0};
  Time max_time_ = 0;
};

}  // namespace coscope::model::detail
