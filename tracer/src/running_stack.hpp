// The per-thread stack of running tasks, inline for the tracer's own hooks and checks: a
// post asks it about ten times, and the out-of-line calls of recorder.hpp (kept for
// integrations outside this library) were ≈ 15 % of what the tracer added to a post.
// Pushing and popping, which start the runtime checks, are in running.hpp.
#pragma once

#include "coscope/tracer/recorder.hpp"

namespace coscope::tracer::detail {

struct RunningStack {
  RunningTask entries[kMaxRunningDepth];
  int depth = 0;
};
// Constant-initialised: every access is a plain thread-pointer offset, no guard.
extern constinit thread_local RunningStack t_running;

[[gnu::always_inline]] inline const RunningTask* top_running() noexcept {
  const RunningStack& s = t_running;
  return s.depth == 0 ? nullptr : &s.entries[s.depth - 1];
}

[[gnu::always_inline]] inline bool running_here(TaskId task) noexcept {
  const RunningStack& s = t_running;
  for (int i = s.depth - 1; i >= 0; --i)
    if (s.entries[i].task == task) return true;
  return false;
}

}  // namespace coscope::tracer::detail
