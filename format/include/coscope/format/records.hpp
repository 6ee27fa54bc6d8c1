// The records of a coscope trace: definitions (referred to by id) and events.
// docs/trace-format.md specifies their bytes; this header is their in-memory form.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace coscope::format {

// Ids of definitions. 0 always means "none" (no stack, no location, no parent task).
using StringId = std::uint32_t;
using LocationId = std::uint32_t;
using StackId = std::uint32_t;
using ModuleId = std::uint32_t;
using TaskId = std::uint64_t;    // never reused within a trace
using ThreadId = std::uint32_t;  // the OS thread id (gettid)
// Nanoseconds since the trace's start (FileHeader::start_monotonic_ns).
using Timestamp = std::uint64_t;

// Record kinds as written in the file. Values are part of the format: never renumber.
enum class RecordKind : std::uint8_t {
  // Definitions.
  string_def = 0x01,
  location_def = 0x02,
  stack_def = 0x03,
  module_def = 0x04,
  symbol_def = 0x05,
  thread_def = 0x06,
  // Task life.
  task_spawn = 0x10,
  task_wake = 0x11,
  task_resume = 0x12,
  task_suspend = 0x13,
  resume_end = 0x14,
  task_complete = 0x15,
  handler_destroyed = 0x16,
  // Findings and annotations.
  exception_thrown = 0x20,
  blocking_call = 0x21,
  slow_resume = 0x22,
  lost_task = 0x23,
  log_record = 0x24,
  dropped_events = 0x25,
  annotation = 0x26,
};

// ---- Definitions ---------------------------------------------------------------------------

struct StringDef {
  StringId id = 0;
  std::string text;
  bool operator==(const StringDef&) const = default;
};

// A source position; function is the enclosing function's name as the compiler spells it.
struct LocationDef {
  LocationId id = 0;
  StringId file = 0;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  StringId function = 0;
  bool operator==(const LocationDef&) const = default;
};

// An async stack: the physical frames of the running thread (innermost first), then one
// address per awaiting coroutine (the coroutine's resume function, innermost first).
// The spawn site is not repeated here: follow the task's TaskSpawn::stack and its parent.
struct StackDef {
  StackId id = 0;
  std::vector<std::uint64_t> frames;    // runtime addresses, innermost first
  std::vector<std::uint64_t> awaiters;  // resume-function addresses, innermost first
  bool operator==(const StackDef&) const = default;
};

// A loaded object (executable or shared library) so addresses can be symbolized later.
struct ModuleDef {
  ModuleId id = 0;
  StringId path = 0;
  std::string build_id;    // raw bytes of the GNU build id note, may be empty
  std::uint64_t base = 0;  // load bias (address of the ELF's vaddr 0)
  std::uint64_t size = 0;  // extent of the mapped segments from base
  bool operator==(const ModuleDef&) const = default;
};

// What one runtime address means in source terms, innermost inline frame first.
struct SymbolFrame {
  StringId function = 0;  // demangled
  StringId file = 0;
  std::uint32_t line = 0;
  bool operator==(const SymbolFrame&) const = default;
};
struct SymbolDef {
  std::uint64_t address = 0;
  std::vector<SymbolFrame> frames;  // empty when the address could not be resolved
  bool operator==(const SymbolDef&) const = default;
};

struct ThreadDef {
  ThreadId thread = 0;
  StringId name = 0;
  bool operator==(const ThreadDef&) const = default;
};

// ---- Events ---------------------------------------------------------------------------------
// Every event carries the time it happened and the thread it happened on; the thread is the
// chunk's thread in the file, so it is not repeated per record.

struct EventBase {
  Timestamp time = 0;
  ThreadId thread = 0;
  bool operator==(const EventBase&) const = default;
};

struct TaskSpawn : EventBase {
  TaskId task = 0;
  TaskId parent = 0;        // the task running when this one was spawned, 0 when none
  StringId name = 0;        // the coroutine function
  LocationId location = 0;  // spawn site when known
  StackId stack = 0;        // spawn-site stack
  bool operator==(const TaskSpawn&) const = default;
};

// The task's pending operation completed; it is runnable but not yet running.
struct TaskWake : EventBase {
  TaskId task = 0;
  bool operator==(const TaskWake&) const = default;
};

// A thread starts running the task (the thread is EventBase::thread).
struct TaskResume : EventBase {
  TaskId task = 0;
  bool operator==(const TaskResume&) const = default;
};

// The task awaits an operation: what (e.g. "socket.async_receive") and where.
struct TaskSuspend : EventBase {
  TaskId task = 0;
  StringId operation = 0;
  LocationId location = 0;
  StackId stack = 0;
  bool operator==(const TaskSuspend&) const = default;
};

// The thread stops running the task (the resume returned).
struct ResumeEnd : EventBase {
  TaskId task = 0;
  bool operator==(const ResumeEnd&) const = default;
};

enum class CompletionStatus : std::uint8_t {
  ok = 0,
  exception = 1,       // ended with an exception that its completion handler received
  lost_exception = 2,  // ended with an exception nobody received (detached)
  cancelled = 3,       // destroyed without finishing (handler destroyed, io_context gone)
};

struct TaskComplete : EventBase {
  TaskId task = 0;
  CompletionStatus status = CompletionStatus::ok;
  StringId exception_type = 0;
  std::string message;  // what() when status is an exception
  bool operator==(const TaskComplete&) const = default;
};

// A pending handler of the task was destroyed without being invoked.
struct HandlerDestroyed : EventBase {
  TaskId task = 0;
  StringId operation = 0;
  bool operator==(const HandlerDestroyed&) const = default;
};

// What became of a thrown exception, when the tracer knows it.
enum class ExceptionFate : std::uint8_t {
  unknown = 0,
  handled = 1,     // caught inside the task
  propagated = 2,  // passed to the awaiting coroutine or the completion handler
  lost = 3,        // dropped (detached task)
};

struct ExceptionThrown : EventBase {
  TaskId task = 0;    // 0 when thrown outside any task
  StringId type = 0;  // demangled type name
  std::string message;
  StackId stack = 0;  // throw site
  ExceptionFate fate = ExceptionFate::unknown;
  bool operator==(const ExceptionThrown&) const = default;
};

// A known blocking function was entered while the thread was running a task.
struct BlockingCall : EventBase {
  TaskId task = 0;
  StringId function = 0;
  std::uint64_t duration_ns = 0;
  StackId stack = 0;
  bool operator==(const BlockingCall&) const = default;
};

// A resume that ran longer than the threshold; stack is a sample taken while it was stuck.
struct SlowResume : EventBase {
  TaskId task = 0;
  std::uint64_t duration_ns = 0;
  StackId stack = 0;
  bool operator==(const SlowResume&) const = default;
};

enum class LostReason : std::uint8_t {
  pending_at_exit = 0,  // still awaiting an operation when the program ended
  no_waker = 1,         // suspended with nothing pending that could wake it
  running_at_exit = 2,  // in the middle of a resume when the program ended (exit() in a task)
};

struct LostTask : EventBase {
  TaskId task = 0;
  LostReason reason = LostReason::pending_at_exit;
  StackId stack = 0;
  bool operator==(const LostTask&) const = default;
};

// spdlog levels: 0 trace .. 5 critical.
struct LogRecord : EventBase {
  TaskId task = 0;  // 0 when logged outside any task
  std::uint8_t level = 0;
  StringId logger = 0;
  std::string text;
  bool operator==(const LogRecord&) const = default;
};

// Events the tracer had to drop since the previous such record (buffer full).
struct DroppedEvents : EventBase {
  std::uint64_t count = 0;
  bool operator==(const DroppedEvents&) const = default;
};

struct Annotation : EventBase {
  TaskId task = 0;
  StringId key = 0;
  std::string value;
  bool operator==(const Annotation&) const = default;
};

using Record = std::variant<StringDef, LocationDef, StackDef, ModuleDef, SymbolDef, ThreadDef,
                            TaskSpawn, TaskWake, TaskResume, TaskSuspend, ResumeEnd, TaskComplete,
                            HandlerDestroyed, ExceptionThrown, BlockingCall, SlowResume, LostTask,
                            LogRecord, DroppedEvents, Annotation>;

// The kind a record is written as.
RecordKind kind_of(const Record& record);
// A short lowercase name ("task_spawn") for messages and JSON.
const char* kind_name(RecordKind kind);
// True for records that carry a time (EventBase); definitions carry none.
bool is_event(const Record& record);

}  // namespace coscope::format
