#include "asio_tasks.hpp"

#include <utility>

#include "quiet_lock.hpp"

namespace coscope::asio_hooks {

Task* TaskRegistry::create(const void* entry_frame, TopOfStackReader reader, int spawn_line) {
  Task* t = nullptr;
  {
    tracer::detail::QuietLock lock(mutex_);
    if (!free_.empty()) {
      t = free_.back();
      free_.pop_back();
    }
  }
  if (t == nullptr) t = new Task;
  t->id = tracer::new_task_id();
  t->entry_frame = entry_frame;
  t->top_of_stack = reader;
  t->parent = nullptr;
  t->spawn_line = spawn_line;
  t->counts.store(counts::kRef, std::memory_order_relaxed);
  t->live_children.store(0, std::memory_order_relaxed);
  t->named.store(false, std::memory_order_relaxed);
  t->completed.store(false, std::memory_order_relaxed);
  t->finished.store(false, std::memory_order_relaxed);
  t->reported_lost.store(false, std::memory_order_relaxed);
  t->awaits_children.store(false, std::memory_order_relaxed);
  t->awaited_children.store(0, std::memory_order_relaxed);
  t->awaited = false;
  t->waits_untracked.store(false, std::memory_order_relaxed);
  t->frames_unverified.store(false, std::memory_order_relaxed);
  t->context = nullptr;
  t->offloaded.store(false, std::memory_order_relaxed);
  t->exact = false;
  t->body = nullptr;
  t->suspend_recorded.store(false, std::memory_order_relaxed);
  t->status = format::CompletionStatus::ok;
  t->exception_type.clear();
  t->message.clear();
  tracer::detail::QuietLock lock(mutex_);
  by_frame_[entry_frame] = t;
  return t;
}

Task* TaskRegistry::find_retained(const std::unordered_map<const void*, Task*>& map,
                                  const void* key) {
  tracer::detail::QuietLock lock(mutex_);
  auto it = map.find(key);
  if (it == map.end()) return nullptr;
  // Safe under the lock: a task in either map still holds its reference of being alive.
  retain(it->second);
  return it->second;
}

Task* TaskRegistry::find(const void* entry_frame) {
  return find_retained(by_frame_, entry_frame);
}

void TaskRegistry::forget(Task* task) {
  tracer::detail::QuietLock lock(mutex_);
  auto it = by_frame_.find(task->entry_frame);
  if (it != by_frame_.end() && it->second == task) by_frame_.erase(it);
  if (task->body != nullptr) {
    auto b = by_body_.find(task->body);
    if (b != by_body_.end() && b->second == task) by_body_.erase(b);
    task->body = nullptr;
  }
}

void TaskRegistry::set_body(Task* task, const void* body) {
  tracer::detail::QuietLock lock(mutex_);
  try {
    by_body_[body] = task;
    task->body = body;
  } catch (...) {  // out of memory: its end is looked for on the running stack
  }
}

Task* TaskRegistry::find_body(const void* body) {
  return find_retained(by_body_, body);
}

void TaskRegistry::release(Task* task) {
  while (task != nullptr &&
         counts::refs(task->counts.fetch_sub(counts::kRef, std::memory_order_acq_rel)) == 1) {
    Task* parent = std::exchange(task->parent, nullptr);
    tracer::detail::QuietLock lock(mutex_);
    free_.push_back(task);
    task = nullptr;
    if (parent != nullptr) {
      // Released outside the lock by the next loop iteration.
      task = parent;
    }
  }
}

std::vector<Task*> TaskRegistry::alive() {
  tracer::detail::QuietLock lock(mutex_);
  std::vector<Task*> out;
  for (auto& [frame, task] : by_frame_) {
    retain(task);
    out.push_back(task);
  }
  return out;
}

tracer::TaskId task_of_body(const void* body) noexcept {
  Task* t = tasks().find_body(body);
  if (t == nullptr) return tracer::current_task();
  const tracer::TaskId id = t->id;
  tasks().release(t);
  return id;
}

TaskRegistry& tasks() {
  static auto* registry = new TaskRegistry;  // leaked: handlers may complete during exit
  return *registry;
}

}  // namespace coscope::asio_hooks
