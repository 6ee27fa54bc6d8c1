// The per-thread stack of running tasks, inline for the tracer's own hooks and checks: a
// post asks it about ten times, and the out-of-line calls of recorder.hpp (kept for
// integrations outside this library) were ≈ 15 % of what the tracer added to a post.
// Pushing and popping, which start the runtime checks, are in running.hpp.
#pragma once

#include <atomic>

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

// An integration whose tasks can start running through none of its hooks (asio_hooks.cpp: a
// parent resumed inline by the last child it awaited) registers how to bring this thread's
// stack up to date; checks call catch_up_running() before they ask which task runs, from code
// the program runs now (a throw, a blocking call) — never at the end of a resume, when the
// frames it would read may be gone.
using CatchUp = void (*)() noexcept;
extern std::atomic<CatchUp> g_catch_up;
inline void set_catch_up(CatchUp f) noexcept {
  g_catch_up.store(f, std::memory_order_relaxed);
}
inline void catch_up_running() noexcept {
  if (CatchUp f = g_catch_up.load(std::memory_order_relaxed)) f();
}

// Whether another task awaits the end of the task running on this thread (an operand of a
// parallel group, an awaited co_spawn): its exception is delivered to that task's operation,
// which may drop it by design (the loser of `a || b`), not lost. Registered by the integration.
using RunningAwaited = bool (*)() noexcept;
extern std::atomic<RunningAwaited> g_running_awaited;
inline void set_running_awaited(RunningAwaited f) noexcept {
  g_running_awaited.store(f, std::memory_order_relaxed);
}
inline bool running_task_awaited() noexcept {
  RunningAwaited f = g_running_awaited.load(std::memory_order_relaxed);
  return f != nullptr && f();
}

// Whether the thread running a task is no event loop for it: work another task offloaded to a
// different execution context (`co_await co_spawn(pool, work(), use_awaitable)`), which may
// block or run long by design. The outermost running task decides for the thread. Registered
// by the integration; the blocking-call and slow-resume checks ask.
using OffLoop = bool (*)(const RunningTask&) noexcept;
extern std::atomic<OffLoop> g_off_loop;
inline void set_off_loop(OffLoop f) noexcept {
  g_off_loop.store(f, std::memory_order_relaxed);
}
inline bool running_off_loop() noexcept {
  const RunningStack& s = t_running;
  if (s.depth == 0) return false;
  OffLoop f = g_off_loop.load(std::memory_order_relaxed);
  return f != nullptr && f(s.entries[0]);
}

[[gnu::always_inline]] inline bool running_here(TaskId task) noexcept {
  const RunningStack& s = t_running;
  for (int i = s.depth - 1; i >= 0; --i)
    if (s.entries[i].task == task) return true;
  return false;
}

}  // namespace coscope::tracer::detail
