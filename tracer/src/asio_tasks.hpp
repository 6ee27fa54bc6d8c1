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

// A task's references, pending handlers and running threads, in one word: the hot path
// changes two of them at once (attach: a reference and a pending handler; invoke: one pending
// handler becomes a running thread) with one atomic instruction, and check_complete() reads
// all three in one load. Atomic read-modify-writes were the tracer's largest cost on a post
// ping-pong: each waits for the thread's earlier stores (its ring writes) to reach the cache.
// 24 bits each for references and pending handlers (16 million handlers of one task in flight,
// a gigabyte of handlers, before a field would overflow), 16 for running threads.
namespace counts {
inline constexpr std::uint64_t kRef = 1;
inline constexpr std::uint64_t kPending = std::uint64_t{1} << 24;
inline constexpr std::uint64_t kRunning = std::uint64_t{1} << 48;
constexpr std::uint32_t refs(std::uint64_t c) {
  return static_cast<std::uint32_t>(c & 0xffffff);
}
constexpr std::uint32_t pending(std::uint64_t c) {
  return static_cast<std::uint32_t>((c >> 24) & 0xffffff);
}
constexpr std::uint32_t running(std::uint64_t c) {
  return static_cast<std::uint32_t>(c >> 48);
}
}  // namespace counts

struct Task {
  tracer::TaskId id = 0;
  const void* entry_frame = nullptr;  // co_spawn_entry_point's frame: identifies the task
  TopOfStackReader top_of_stack = nullptr;
  Task* parent = nullptr;  // holds a reference while set
  int spawn_line = 0;      // line of co_spawn.hpp's first LOCATION, to tell it from the last one

  // See `counts`. References: 1 while alive, +1 per attached handler, +1 per child's parent
  // link, +1 per LOCATION scope holding it. Pending: attached handlers neither invoked nor
  // destroyed. Running: threads running it now.
  std::atomic<std::uint64_t> counts{0};
  // Adds `delta`, a sum of ±counts::k* (negated ones wrap around: unsigned arithmetic
  // subtracts them), in one atomic instruction; returns the new counts.
  std::uint64_t add(std::uint64_t delta) noexcept {
    return counts.fetch_add(delta, std::memory_order_acq_rel) + delta;
  }
  std::uint64_t load_counts() const noexcept { return counts.load(std::memory_order_acquire); }
  std::atomic<int> live_children{0};  // spawned by it and not complete
  std::atomic<bool> named{false};
  std::atomic<bool> completed{false};
  // The coroutine body has returned: the task completes at its next quiet point even if
  // children are alive. Set by the final post of co_spawn_entry_point or body_finished().
  std::atomic<bool> finished{false};
  // Already recorded as lost (by report_lost_tasks): the pass at stop does not record it again.
  std::atomic<bool> reported_lost{false};
  bool exact = false;          // spawned by coscope::co_spawn: completion reported, not inferred
  const void* body = nullptr;  // its body's frame, under TaskRegistry's lock (exact tasks)
  // This resume already recorded an untracked suspension (one per resume). Atomic (relaxed)
  // like frames_unverified: the thread that suspended it may still be starting what it awaits
  // when another resumes it (asio_hooks.cpp, kAwaitsChildren).
  std::atomic<bool> suspend_recorded{false};
  // Suspended awaiting its children (a parallel group, an awaited co_spawn): the last one's
  // completion resumes it inline, through no hook (see catch_up_resumed_parents()). Read by
  // the children's threads.
  std::atomic<bool> awaits_children{false};
  std::atomic<int> awaited_children{0};  // its live children spawned while it suspended
  bool awaited = false;                  // this task is one of those (set at its spawn)
  // Suspended on something that created no handler Asio tracks (a program's own primitive
  // built on async_initiate that keeps the handler): not taken for finished while so, and
  // listed where creations look for its continuation (asio_hooks.cpp, waiting_untracked()).
  std::atomic<bool> waits_untracked{false};
  // Running since a catch-up (asio_hooks.cpp): its frames may be gone before any hook sees
  // it end, so its awaiters are not walked. Cleared at its next resume; its thread's only.
  std::atomic<bool> frames_unverified{false};
  // The execution context of its first dispatch (its executor's), when Asio created one.
  const void* context = nullptr;
  // Work offloaded to another execution context than its awaiter's (`co_await co_spawn(pool,
  // work(), use_awaitable)`), or spawned by such work on the same one: its thread is no event
  // loop for it (tracer::detail::running_off_loop()). Set before it first runs.
  std::atomic<bool> offloaded{false};
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
  // The drop-in co_spawn's body frame of a task, and the task of one (retained, or nullptr).
  void set_body(Task* task, const void* body);
  Task* find_body(const void* body);
  void retain(Task* task) { task->counts.fetch_add(counts::kRef, std::memory_order_relaxed); }
  void release(Task* task);
  std::vector<Task*> alive();  // retained; release each

 private:
  Task* find_retained(const std::unordered_map<const void*, Task*>& map, const void* key);

  std::mutex mutex_;
  std::unordered_map<const void*, Task*> by_frame_;
  std::unordered_map<const void*, Task*> by_body_;  // drop-in co_spawn tasks only
  std::vector<Task*> free_;
};

TaskRegistry& tasks();

// The task of a drop-in co_spawn body (TaskRegistry::set_body), else the running one.
tracer::TaskId task_of_body(const void* body) noexcept;

}  // namespace coscope::asio_hooks
