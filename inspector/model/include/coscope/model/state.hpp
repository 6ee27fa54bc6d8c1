// The state of every task at one moment: what Model::state_at() returns.
#pragma once

#include <cstddef>
#include <vector>

#include "coscope/model/types.hpp"

namespace coscope::model {

struct TaskState {
  // When the current phase began (spawn, wake, resume, resume end, completion).
  Time since = 0;
  // suspended: the awaited operation. Otherwise the last await site (0 if it never awaited).
  SiteIndex site = 0;
  // running: the thread running it. Otherwise the thread it last ran on (kNoThread if none).
  ThreadIndex thread = kNoThread;
  Phase phase = Phase::not_spawned;
  bool operator==(const TaskState&) const = default;
};

// A stretch of a task's life in one phase.
struct PhaseInterval {
  Phase phase = Phase::scheduled;
  Time from = 0;
  Time to = 0;
  ThreadIndex thread = kNoThread;  // running: the thread
  SiteIndex site = 0;              // suspended: the awaited operation
  bool open_at_end = false;        // still in this phase when the trace ends
};

struct Snapshot {
  Time time = 0;                 // the moment: every event with time <= this has happened
  EventIndex applied = 0;        // number of events applied (events [0, applied) in time order)
  std::vector<TaskState> tasks;  // indexed by TaskIndex; every task of the trace

  std::size_t count(Phase phase) const {
    std::size_t n = 0;
    for (const TaskState& s : tasks) n += s.phase == phase;
    return n;
  }
};

}  // namespace coscope::model
