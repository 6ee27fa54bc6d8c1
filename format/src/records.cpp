#include "coscope/format/records.hpp"

#include <type_traits>

namespace coscope::format {

RecordKind kind_of(const Record& record) {
  // The variant's alternatives are listed in the same order as kKinds.
  static constexpr RecordKind kKinds[] = {
      RecordKind::string_def,        RecordKind::location_def,     RecordKind::stack_def,
      RecordKind::module_def,        RecordKind::symbol_def,       RecordKind::thread_def,
      RecordKind::task_spawn,        RecordKind::task_wake,        RecordKind::task_resume,
      RecordKind::task_suspend,      RecordKind::resume_end,       RecordKind::task_complete,
      RecordKind::handler_destroyed, RecordKind::exception_thrown, RecordKind::blocking_call,
      RecordKind::slow_resume,       RecordKind::lost_task,        RecordKind::log_record,
      RecordKind::dropped_events,    RecordKind::annotation,
  };
  static_assert(std::size(kKinds) == std::variant_size_v<Record>);
  return kKinds[record.index()];
}

const char* kind_name(RecordKind kind) {
  switch (kind) {
    case RecordKind::string_def:
      return "string_def";
    case RecordKind::location_def:
      return "location_def";
    case RecordKind::stack_def:
      return "stack_def";
    case RecordKind::module_def:
      return "module_def";
    case RecordKind::symbol_def:
      return "symbol_def";
    case RecordKind::thread_def:
      return "thread_def";
    case RecordKind::task_spawn:
      return "task_spawn";
    case RecordKind::task_wake:
      return "task_wake";
    case RecordKind::task_resume:
      return "task_resume";
    case RecordKind::task_suspend:
      return "task_suspend";
    case RecordKind::resume_end:
      return "resume_end";
    case RecordKind::task_complete:
      return "task_complete";
    case RecordKind::handler_destroyed:
      return "handler_destroyed";
    case RecordKind::exception_thrown:
      return "exception_thrown";
    case RecordKind::blocking_call:
      return "blocking_call";
    case RecordKind::slow_resume:
      return "slow_resume";
    case RecordKind::lost_task:
      return "lost_task";
    case RecordKind::log_record:
      return "log_record";
    case RecordKind::dropped_events:
      return "dropped_events";
    case RecordKind::annotation:
      return "annotation";
  }
  return "unknown";
}

bool is_event(const Record& record) {
  return std::visit(
      [](const auto& r) { return std::is_base_of_v<EventBase, std::decay_t<decltype(r)>>; },
      record);
}

}  // namespace coscope::format
