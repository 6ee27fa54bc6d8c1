#include "lost_tasks.hpp"

#include <time.h>

#include "../asio_frames.hpp"
#include "checks.hpp"
#include "coscope/checks.hpp"

namespace coscope::checks {
namespace {

bool nothing_can_wake(const asio_hooks::Task& t) {
  const std::uint64_t c = t.load_counts();
  // A task suspended on a program's own primitive (the program holds its handler) may have
  // run to its end through no hook, unless the drop-in co_spawn reports its end: then it is
  // still waiting, and whether anything will run that handler the tracer cannot tell.
  return !t.completed.load() && (!t.waits_untracked.load() || t.exact) &&
         asio_hooks::counts::running(c) == 0 && asio_hooks::counts::pending(c) == 0 &&
         t.live_children.load() == 0 && !t.finished.load(std::memory_order_acquire);
}

// A handler being invoked leaves the task with nothing pending and not yet running for an
// instant: a task counts as unwakeable only when it stays so across this pause.
constexpr long kSettleNs = 2'000'000;

}  // namespace

format::LostReason describe_lost(const asio_hooks::Task& task, tracer::RawStack& stack) noexcept {
  stack.frames = 0;
  stack.awaiters = 0;
  // A task running now (exit() called from its code, or another thread still running it):
  // its frames are not walked, they are changing.
  if (asio_hooks::counts::running(task.load_counts()) != 0)
    return format::LostReason::running_at_exit;
  asio_hooks::walk_task(&task, stack);
  return nothing_can_wake(task) ? format::LostReason::no_waker
                                : format::LostReason::pending_at_exit;
}

}  // namespace coscope::checks

namespace coscope {

std::size_t report_lost_tasks() {
  using namespace asio_hooks;
  if (!tracer::active()) return 0;
  checks::Quiet quiet;
  std::vector<Task*> candidates;
  for (Task* t : tasks().alive()) {
    if (checks::nothing_can_wake(*t))
      candidates.push_back(t);
    else
      tasks().release(t);
  }
  if (candidates.empty()) return 0;
  timespec pause{0, checks::kSettleNs};
  ::nanosleep(&pause, nullptr);
  std::size_t recorded = 0;
  for (Task* t : candidates) {
    // Each lost task is one finding, however often the program asks (a periodic watchdog).
    if (checks::nothing_can_wake(*t) && !t->reported_lost.exchange(true)) {
      tracer::RawStack stack;
      checks::describe_lost(*t, stack);
      tracer::record_lost(t->id, format::LostReason::no_waker,
                          tracer::stack_mode() == StackMode::off ? nullptr : &stack);
      ++recorded;
    }
    tasks().release(t);
  }
  return recorded;
}

}  // namespace coscope
