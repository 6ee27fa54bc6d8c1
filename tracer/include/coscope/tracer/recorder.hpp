// The recorder's interface for integrations (Asio hooks, promise mixin, runtime checks,
// log sinks): record events for the calling thread, ask which task is running here.
//
// Hot path: the record_* functions write a fixed-size record into the calling thread's ring
// buffer (no lock; no allocation after the thread's first event). When the buffer is full the
// event is dropped and counted. Everything is a no-op while !active().
#pragma once

#include <atomic>
#include <cstdint>
#include <string_view>

#include "coscope/format/records.hpp"
#include "coscope/tracer.hpp"

namespace coscope::tracer {

using TaskId = std::uint64_t;

namespace detail {
extern std::atomic<bool> g_active;
}  // namespace detail

// True while a trace is recorded: one relaxed load, meant to guard every hook.
[[gnu::always_inline]] inline bool active() noexcept {
  return detail::g_active.load(std::memory_order_relaxed);
}

StackMode stack_mode() noexcept;

// A source position whose strings live as long as the program (literals, source_location).
struct StaticLocation {
  const char* file = nullptr;
  const char* function = nullptr;
  std::uint32_t line = 0;
};

// An async stack as raw addresses, innermost first: frames of the thread, then the resume
// functions of the awaiting coroutines. Fixed size so capturing allocates nothing.
struct RawStack {
  static constexpr int kMaxFrames = 32;
  static constexpr int kMaxAwaiters = 32;
  std::uint8_t frames = 0;
  std::uint8_t awaiters = 0;
  std::uint64_t frame[kMaxFrames];
  std::uint64_t awaiter[kMaxAwaiters];
};

// Fills stack.frame with the calling thread's stack (libunwind), skipping `skip` innermost
// frames besides this function's own.
void capture_frames(RawStack& stack, int skip = 0) noexcept;

// ---- Hot events (task ids come from new_task_id(); 0 is never a task) ----
TaskId new_task_id() noexcept;
// `name` is the address of the task's coroutine (resume function), 0 when unknown yet.
void record_spawn(TaskId task, TaskId parent, std::uint64_t name, const StaticLocation& where,
                  const RawStack* stack) noexcept;
void record_wake(TaskId task) noexcept;
// `woken`: the task became runnable this instant (a wake at the same time, one timestamp).
// Returns the event's clock ticks (0 when not recorded), for push_running().
std::uint64_t record_resume(TaskId task, bool woken = false) noexcept;
// What a suspension also ends, at its own instant: each event costs the program a timestamp
// (≈ 12 ns under a hypervisor), and a post used to record three at the same place.
enum SuspendAlso : unsigned {
  kSuspendOnly = 0,
  kEndsResume = 1,  // the task's resume ends here (record_resume_end)
  kWoken = 2,       // and it is runnable at once (record_wake): a post, a dispatch
};
// `object_type`/`op_name` are static strings, joined as "object_type.op_name". Returns the
// event's clock ticks (0 when not recorded), for pop_running().
std::uint64_t record_suspend(TaskId task, const char* object_type, const char* op_name,
                             const StaticLocation& where, const RawStack* stack,
                             unsigned also = kSuspendOnly) noexcept;
void record_resume_end(TaskId task) noexcept;
void record_complete(TaskId task, format::CompletionStatus status) noexcept;
void record_handler_destroyed(TaskId task, const char* object_type, const char* op_name) noexcept;
void record_lost(TaskId task, format::LostReason reason, const RawStack* stack) noexcept;

// A task's name can become known after its spawn was recorded (Asio reveals the coroutine at
// its first suspension). Until settle_name() is called the writer holds back the spawn
// record so that it carries the name (and the task's other events, which follow its spawn in
// the file) — for 100 ms, or up to 10 s while the thread's ring stays below 1/8 full.
void expect_name(TaskId task) noexcept;
void settle_name(TaskId task, std::uint64_t name) noexcept;

// ---- Cold events (findings, logs, annotations): any record, allocated, for this thread ----
// Interns a string for the StringId fields of records given to emit(). Thread-safe; locks.
format::StringId intern(std::string_view text);
// Records `record` on the calling thread: its time and thread are filled in. When `stack` is
// given, it is interned by the writer and its id stored in the record's `stack` field.
// Never throws; on failure to allocate the event is counted as dropped.
void emit(format::Record record, const RawStack* stack = nullptr) noexcept;

// ---- Current task (maintained by the integrations) ----
// The task whose code runs on this thread right now (innermost), 0 when none.
TaskId current_task() noexcept;
// Captures the current task's awaiting-coroutine chain into stack.awaiter (nothing when the
// integration cannot walk it). Frames are left as they are.
void capture_awaiters(RawStack& stack) noexcept;

// How integrations publish the current task: a per-thread stack of running tasks (a task
// spawned inline runs on top of its parent), each with an optional function that walks its
// awaiting coroutines from `context`.
using AwaiterWalker = void (*)(const void* context, RawStack& stack);
struct RunningTask {
  TaskId task = 0;
  AwaiterWalker walker = nullptr;
  const void* context = nullptr;
};
inline constexpr int kMaxRunningDepth = 64;
// Returns false (and changes nothing) when the stack is full. `now_ticks`: the clock of the
// resume event just recorded (record_resume's result), which the slow-resume check then
// reuses instead of reading the clock again; 0 to let it read the clock.
bool push_running(const RunningTask& running, std::uint64_t now_ticks = 0) noexcept;
// Removes `task` and everything above it; false when it is not on this thread's stack.
// `now_ticks` as for push_running (record_suspend's result, say).
bool pop_running(TaskId task, std::uint64_t now_ticks = 0) noexcept;
bool is_running_here(TaskId task) noexcept;
// The task's frames may be gone (it may have completed inline): its entries stop walking
// them. Integrations call this before popping a task they cannot vouch for.
void forget_awaiters(TaskId task) noexcept;
// Innermost running task of this thread, nullptr when none.
const RunningTask* running_top() noexcept;

}  // namespace coscope::tracer
