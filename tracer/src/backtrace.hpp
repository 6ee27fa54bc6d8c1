// Return addresses of the calling thread's stack, innermost first, starting with the return
// address into the function that calls backtrace_here() — unw_backtrace's contract.
//
// Under ThreadSanitizer unw_backtrace must not be used: its per-thread trace cache is freed by
// a pthread key destructor that takes a mutex in the last destructor round, after TSan's own
// key destructor has torn down the thread's state, and TSan's mutex interceptor then
// dereferences null — every thread that ever captured a stack crashes when it exits (seen
// as a SEGFAULT of the four-thread Asio test, whose worker threads capture stacks for
// blocking-call findings). The unw_step walk used instead keeps no per-thread state; it is
// slower (≈10 µs), which does not matter in a TSan build.
//
// Either walk passes the loader gate (dl_gate.hpp) and runs quiet (checks::t_quiet): libunwind
// takes its own mutex (signals blocked), and the blocking-call interposer, seeing it contended
// inside a task, would report it and capture a stack — unwinding again, into the mutex this thread
// now holds: a self-deadlock (seen with a slow-resume sample taken while another thread unwound).
#pragma once

#include <libunwind.h>

#include "checks/checks.hpp"
#include "dl_gate.hpp"

namespace coscope::tracer::detail {

#if defined(__SANITIZE_THREAD__)
#define COSCOPE_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define COSCOPE_TSAN 1
#endif
#endif

#ifdef COSCOPE_TSAN
[[gnu::noinline]] int backtrace_here(void** buffer, int size) noexcept;
#else
[[gnu::always_inline]] inline int backtrace_here(void** buffer, int size) noexcept {
  checks::Quiet quiet;
  DlGate gate;  // no stack while the process forks
  return gate.inside() ? unw_backtrace(buffer, size) : 0;
}
#endif

}  // namespace coscope::tracer::detail
