// Calls the blocking-call probes let through unrecorded: those made by the libraries the
// tracer itself runs on the program's threads.
//   libunwind takes its own locks while it unwinds (once linked it is the whole program's
//   _Unwind_RaiseException, so every throw goes through it) and while the tracer captures a
//   stack: a probe that recorded its contended lock would capture a stack, re-enter libunwind
//   and wait for the lock its caller holds.
//   A sanitizer runtime (GCC's is a shared library) opens files from its symbolizer while it
//   prints a report: recorded there, the tracer's locks are taken inside the report, which
//   TSan reports again and deadlocks on.
#pragma once

namespace coscope::checks {

// Finds those libraries' code once, before main (foreign_callers.cpp).
void find_foreign_callers() noexcept;

// `caller` (an interposer's return address) is in one of them. Two comparisons per library.
bool called_by_tracer_dependency(const void* caller) noexcept;

}  // namespace coscope::checks
