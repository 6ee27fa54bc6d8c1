// One event of the trace, as the model stores it (compact; details live in side tables).
#pragma once

#include <cstdint>

#include "coscope/model/types.hpp"

namespace coscope::model {

struct Event {
  Time time = 0;
  EventKind kind = EventKind::spawn;
  TaskIndex task = kNoTask;  // kNoTask for events outside any task
  ThreadIndex thread = kNoThread;
  // suspend: SiteIndex; exception/blocking_call/slow_resume/lost_task/complete/
  // dropped_events: index into Model::findings() (kNoFinding when none); log: index into
  // Model::logs(); annotation: index into Model::annotations(); handler_destroyed: SiteIndex
  // whose operation is the handler's; otherwise 0.
  std::uint32_t arg = 0;
};
inline constexpr std::uint32_t kNoFinding = 0xffffffffu;

// A spdlog record tagged with its task.
struct LogEntry {
  Time time = 0;
  TaskIndex task = kNoTask;
  ThreadIndex thread = kNoThread;
  std::uint8_t level = 0;  // 0 trace .. 5 critical
  std::string_view logger;
  std::string text;
};
// "trace", "debug", "info", "warn", "error", "critical".
const char* log_level_name(std::uint8_t level);

struct AnnotationEntry {
  Time time = 0;
  TaskIndex task = kNoTask;
  std::string_view key;
  std::string value;
};

}  // namespace coscope::model
