// Pushing and popping the running-task stack (running_stack.hpp), inline for the hooks: the
// outermost push and the pop that empties it start and stop the runtime checks' watch.
#pragma once

#include "checks/hooks.hpp"
#include "running_stack.hpp"

namespace coscope::tracer::detail {

// See push_running() / pop_running() in recorder.hpp.
[[gnu::always_inline]] inline bool push(const RunningTask& running,
                                        std::uint64_t now_ticks) noexcept {
  RunningStack& s = t_running;
  if (s.depth == kMaxRunningDepth) return false;
  s.entries[s.depth++] = running;
  // Starts running tasks; after the store, for the checks to see which (running_off_loop()).
  if (s.depth == 1) checks::on_resume_begin(running.task, now_ticks);
  return true;
}

[[gnu::always_inline]] inline bool pop(TaskId task, std::uint64_t now_ticks) noexcept {
  RunningStack& s = t_running;
  for (int i = s.depth - 1; i >= 0; --i) {
    if (s.entries[i].task == task) {
      if (i == 0)  // while its awaiters are walkable
        checks::on_resume_end(s.entries[0].task, now_ticks);
      s.depth = i;
      return true;
    }
  }
  return false;
}

}  // namespace coscope::tracer::detail
