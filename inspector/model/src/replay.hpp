// The task state machine of the trace format's event semantics, shared by index building
// and seeking so both agree by construction.
#pragma once

#include <cstdint>

#include "coscope/model/event.hpp"
#include "coscope/model/state.hpp"

namespace coscope::model::detail {

struct ReplayTask {
  TaskState state;
  // Its pending operation completed while it was still running (wake before resume end):
  // at the resume end it becomes scheduled instead of suspended.
  bool woken = false;
};

// What an event did to a task, for accounting.
struct Transition {
  bool changed = false;  // the phase changed
  Phase from = Phase::not_spawned;
  Time from_since = 0;
};

// Applies one event of the task. `failed` says how the task completes (its TaskComplete
// status is not ok); it matters only for complete events. Events after completion are
// ignored; events of a task before its spawn imply it exists.
inline Transition apply(ReplayTask& t, const Event& e, bool failed) {
  TaskState& s = t.state;
  Transition tr{false, s.phase, s.since};
  if (s.phase == Phase::done || s.phase == Phase::failed) return tr;
  auto enter = [&](Phase p, Time since) {
    tr.changed = true;
    s.phase = p;
    s.since = since;
  };
  switch (e.kind) {
    case EventKind::spawn:
      enter(Phase::scheduled, e.time);
      s.thread = kNoThread;
      s.site = 0;
      t.woken = false;
      break;
    case EventKind::wake:
      if (s.phase == Phase::running)
        t.woken = true;
      else if (s.phase != Phase::scheduled)
        enter(Phase::scheduled, e.time);
      break;
    case EventKind::resume:
      enter(Phase::running, e.time);
      s.thread = e.thread;
      t.woken = false;
      break;
    case EventKind::suspend:
      s.site = e.arg;
      if (s.phase != Phase::running) enter(Phase::suspended, e.time);
      break;
    case EventKind::resume_end:
      if (s.phase == Phase::running) enter(t.woken ? Phase::scheduled : Phase::suspended, e.time);
      t.woken = false;
      break;
    case EventKind::complete:
      enter(failed ? Phase::failed : Phase::done, e.time);
      t.woken = false;
      break;
    default:
      break;
  }
  return tr;
}

}  // namespace coscope::model::detail
