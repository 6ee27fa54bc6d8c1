// The tracer's state of each co_spawn'ed Asio task, shared by the threads that run its
// handlers, and the registry that finds a task from its entry frame.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "coscope/asio/hooks.hpp"

namespace coscope::asio_hooks {

struct Task {
  tracer::TaskId id = 0;
  const void* entry_frame = nullptr;  // co_spawn_entry_point's frame: identifies the task
  TopOfStackReader top_of_stack = nullptr;
  Task* parent = nullptr;  // holds a reference while set
  int spawn_line = 0;      // line of co_spawn.hpp's first LOCATION, to tell it from the last one

  std::atomic<int> refs{0};     // 1 while alive, +1 per attached handler, +1 for a parent link
  std::atomic<int> pending{0};  // attached handlers neither invoked nor destroyed
  std::atomic<int> running{0};  // threads running it now
  std::atomic<int> live_children{0};  // spawned by it and not complete
  std::atomic<bool> named{false};
  std::atomic<bool> completed{false};
  // The coroutine body has returned: the task completes at its next quiet point even if
  // children are alive. Set by the final post of co_spawn_entry_point or body_finished().
  std::atomic<bool> finished{false};
  // Already recorded as lost (by report_lost_tasks): the pass at stop does not record it again.
  std::atomic<bool> reported_lost{false};
  bool exact = false;
  // This resume already recorded an untracked suspension (one per resume).
  bool suspend_recorded = false;  // spawned by coscope::co_spawn: completion reported, not inferred
  // Outcome reported by body_finished(), read after `finished` (release/acquire).
  format::CompletionStatus status = format::CompletionStatus::ok;
  std::string exception_type;
  std::string message;
};

class TaskRegistry {
 public:
  Task* create(const void* entry_frame, TopOfStackReader reader, int spawn_line);
  // The live task of this entry frame, retained (release it), or nullptr. Retained because
  // another thread may complete it meanwhile, and a released Task is reused by create().
  Task* find(const void* entry_frame);
  void forget(Task* task);  // no longer findable by its frame (it completed)
  void retain(Task* task) { task->refs.fetch_add(1, std::memory_order_relaxed); }
  void release(Task* task);
  std::vector<Task*> alive();  // retained; release each

 private:
  std::mutex mutex_;
  std::unordered_map<const void*, Task*> by_frame_;
  std::vector<Task*> free_;
};

TaskRegistry& tasks();

}  // namespace coscope::asio_hooks
