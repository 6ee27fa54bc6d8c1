// Exceptions thrown inside tasks (see docs/tracer-checks.md, "Exceptions"). The throw is
// recorded when its fate is known: `handled` when a catch inside the program ends it,
// `propagated` when it was captured (std::current_exception, as every coroutine promise does)
// and later ended by another catch (the awaiter's), `lost` when a detached task drops it,
// `unknown` when it was still travelling at stop.
#pragma once

namespace coscope::checks {

// The exception being handled on this thread leaves its task through the drop-in co_spawn:
// records it (throw-site stack) as lost when `dropped`, else propagated. False when it was
// not recorded at its throw (thrown outside a task, or the check is off).
bool exception_leaves_task(bool dropped) noexcept;

// Records the exceptions still travelling (fate unknown); run at stop.
void flush_travelling_exceptions() noexcept;

// fork() handlers (fork.cpp): the table's lock, taken before the session's (a record made
// under it interns its strings in the session).
void lock_exceptions_for_fork() noexcept;
void unlock_exceptions_after_fork() noexcept;

}  // namespace coscope::checks
