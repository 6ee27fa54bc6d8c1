// Lost tasks (see docs/tracer-checks.md, "Lost tasks"): an Asio task that is neither running
// nor waiting for a handler, has no live child and whose body has not returned can never be
// resumed again (a lost wakeup: the thing it awaited kept no tracked handler). At exit, every
// task still alive is recorded as lost, with that reason or as still pending, and with the
// chain of coroutines it is suspended in.
#pragma once

#include "../asio_tasks.hpp"

namespace coscope::checks {

// The reason and async stack for recording `task` as lost at exit. The stack's awaiters are
// filled only when no thread runs the task (its frames are then stable).
format::LostReason describe_lost(const asio_hooks::Task& task, tracer::RawStack& stack) noexcept;

}  // namespace coscope::checks
