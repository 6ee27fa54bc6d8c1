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

// An argument staging uses for "no detail".
inline constexpr std::uint32_t kNoDetail = kMaxStagedArg;

struct Loaded {
  Staging staging;
  // File order; staged events refer to them by index. Time, thread and event are set when
  // the index build meets their event.
  std::vector<Finding> findings;
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
