// The per-thread stack of running tasks, the answer to "which task is this thread running".
#include "running.hpp"

namespace coscope::tracer {

namespace detail {
constinit thread_local RunningStack t_running;
constinit std::atomic<CatchUp> g_catch_up{nullptr};
constinit std::atomic<RunningAwaited> g_running_awaited{nullptr};
constinit std::atomic<OffLoop> g_off_loop{nullptr};
}  // namespace detail

bool push_running(const RunningTask& running, std::uint64_t now_ticks) noexcept {
  return detail::push(running, now_ticks);
}

bool pop_running(TaskId task, std::uint64_t now_ticks) noexcept {
  return detail::pop(task, now_ticks);
}

bool is_running_here(TaskId task) noexcept {
  return detail::running_here(task);
}

void forget_awaiters(TaskId task) noexcept {
  detail::RunningStack& s = detail::t_running;
  for (int i = 0; i < s.depth; ++i)
    if (s.entries[i].task == task) s.entries[i].walker = nullptr;
}

const RunningTask* running_top() noexcept {
  return detail::top_running();
}

TaskId current_task() noexcept {
  const RunningTask* top = detail::top_running();
  return top == nullptr ? 0 : top->task;
}

void capture_awaiters(RawStack& stack) noexcept {
  stack.awaiters = 0;
  const RunningTask* top = detail::top_running();
  if (top != nullptr && top->walker != nullptr) top->walker(top->context, stack);
}

}  // namespace coscope::tracer
