// The calls the recorder makes into the runtime checks when a thread starts and stops running
// tasks (running.cpp: the outermost push_running / the pop that empties the stack). Inline
// fast tests: with the slow-resume check off, or no trace recorded, they cost one load each.
#pragma once

#include "checks.hpp"

namespace coscope::checks {

// `now_ticks`: the clock at the resume's begin or end when the caller has just read it (the
// event it recorded), else 0.
void slow_watch_begin(tracer::TaskId task, std::uint64_t now_ticks) noexcept;
void slow_watch_end(tracer::TaskId task, std::uint64_t now_ticks) noexcept;

[[gnu::always_inline]] inline void on_resume_begin(tracer::TaskId task,
                                                   std::uint64_t now_ticks) noexcept {
  if (g_enabled.load(std::memory_order_relaxed) & kSlowResume) slow_watch_begin(task, now_ticks);
}
[[gnu::always_inline]] inline void on_resume_end(tracer::TaskId task,
                                                 std::uint64_t now_ticks) noexcept {
  if (g_enabled.load(std::memory_order_relaxed) & kSlowResume) slow_watch_end(task, now_ticks);
}

}  // namespace coscope::checks
