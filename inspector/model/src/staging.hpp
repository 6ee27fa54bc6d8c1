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
  // A run with entries left, keyed by its head entry (kept here so that comparisons need not
  // look into the run).
  struct Head {
    Time time;
    std::uint64_t sequence;
    std::size_t run;
    bool operator<(const Head& o) const {
      return time != o.time ? time < o.time : sequence < o.sequence;
    }
  };
  void seal(Run& run, bool keep_scratch);
  Head head_of(std::size_t r) const;
  StagedEvent take(Run& run);
  void heapify();
  void sift_down();

  std::vector<Run> runs_;
  std::vector<std::size_t> open_run_;  // per thread index: its current run (or npos)
  std::vector<Head> heap_;             // binary min-heap of the runs' heads
  bool merging_ = false;
  std::uint64_t added_ = 0;
  Time min_time_ = ~Time{0};
  Time max_time_ = 0;
};

}  // namespace coscope::model::detail
