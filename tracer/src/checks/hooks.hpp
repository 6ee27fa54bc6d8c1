// The calls the recorder makes into the runtime checks when a thread starts and stops running
// tasks (running.cpp: the outermost push_running / the pop that empties the stack). Inline
// fast tests: with the slow-resume check off, or no trace recorded, they cost one load each.
#pragma once

#include "checks.hpp"

namespace coscope::checks {

void slow_watch_begin(tracer::TaskId task) noexcept;
void slow_watch_end(tracer::TaskId task) noexcept;

[[gnu::always_inline]] inline void on_resume_begin(tracer::TaskId task) noexcept {
  if (g_enabled.load(std::memory_order_relaxed) & kSlowResume) slow_watch_begin(task);
}
[[gnu::always_inline]] inline void on_resume_end(tracer::TaskId task) noexcept {
  if (g_enabled.load(std::memory_order_relaxed) & kSlowResume) slow_watch_end(task);
}

}  // namespace coscope::checks
