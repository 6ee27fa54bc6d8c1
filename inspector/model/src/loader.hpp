// First pass of a load: reads every record (streaming), fills the definitions, tasks and
// threads of a ModelData, and stages events for the time-ordered index build.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "coscope/format/reader.hpp"
#include "model_data.hpp"
#include "staging.hpp"

namespace coscope::model::detail {

// A finding's raw details, kept until the index build orders findings by time.
struct RawFinding {
  FindingKind kind = FindingKind::blocking_call;
  TaskIndex task = kNoTask;
  format::StackId stack = 0;
  std::uint64_t duration_ns = 0;
  std::uint64_t count = 0;
  std::string_view what;  // function, exception type, or awaited operation
  std::string message;
  format::ExceptionFate fate = format::ExceptionFate::unknown;
  format::LostReason reason = format::LostReason::pending_at_exit;
};

// An argument staging uses for "no detail".
inline constexpr std::uint32_t kNoDetail = kMaxStagedArg;

struct Loaded {
  Staging staging;
  std::vector<RawFinding> findings;  // file order; staged events refer to them by index
  std::vector<LogEntry> logs;
  std::vector<AnnotationEntry> annotations;
  std::vector<bool> has_spawn;             // per task: a TaskSpawn was read
  std::vector<format::TaskId> parent_ids;  // per task, resolved after reading
};

// Reads the whole trace into `data` and returns the staged events. Fails only when the
// progress callback cancels.
format::Result<Loaded> read_trace(format::TraceReader& reader, ModelData& data,
                                  const LoadOptions& options);

}  // namespace coscope::model::detail
