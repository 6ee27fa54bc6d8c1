// The per-thread stack of running tasks, the answer to "which task is this thread running".
#include "checks/hooks.hpp"
#include "coscope/tracer/recorder.hpp"

namespace coscope::tracer {
namespace {

struct RunningStack {
  RunningTask entries[kMaxRunningDepth];
  int depth = 0;
};
thread_local RunningStack t_running;

}  // namespace

bool push_running(const RunningTask& running, std::uint64_t now_ticks) noexcept {
  RunningStack& s = t_running;
  if (s.depth == kMaxRunningDepth) return false;
  if (s.depth == 0) checks::on_resume_begin(running.task, now_ticks);  // starts running tasks
  s.entries[s.depth++] = running;
  return true;
}

bool pop_running(TaskId task, std::uint64_t now_ticks) noexcept {
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

bool is_running_here(TaskId task) noexcept {
  const RunningStack& s = t_running;
  for (int i = s.depth - 1; i >= 0; --i)
    if (s.entries[i].task == task) return true;
  return false;
}

void forget_awaiters(TaskId task) noexcept {
  RunningStack& s = t_running;
  for (int i = 0; i < s.depth; ++i)
    if (s.entries[i].task == task) s.entries[i].walker = nullptr;
}

const RunningTask* running_top() noexcept {
  const RunningStack& s = t_running;
  return s.depth == 0 ? nullptr : &s.entries[s.depth - 1];
}

TaskId current_task() noexcept {
  const RunningTask* top = running_top();
  return top == nullptr ? 0 : top->task;
}

void capture_awaiters(RawStack& stack) noexcept {
  stack.awaiters = 0;
  const RunningTask* top = running_top();
  if (top != nullptr && top->walker != nullptr) top->walker(top->context, stack);
}

}  // namespace coscope::tracer
