// A task: one independently scheduled chain of coroutines, and its per-task figures.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "coscope/format/records.hpp"
#include "coscope/model/histogram.hpp"
#include "coscope/model/types.hpp"

namespace coscope::model {

// Figures over the task's whole life (up to its completion, or the end of the trace).
struct TaskFigures {
  Time busy = 0;       // running on a thread
  Time scheduled = 0;  // runnable but not running (spawn or wake until resume)
  Time idle = 0;       // suspended, awaiting an operation
  std::uint64_t resumes = 0;
  std::uint64_t wakes = 0;
  std::optional<Time> first_resume_delay;  // spawn -> first resume; empty if never resumed
};

// A task's distributions, computed on demand (Model::task_distributions) so that the model
// keeps no per-resume samples in memory.
struct TaskDistributions {
  Percentiles resume_duration;   // each resume -> its resume end
  Percentiles scheduling_delay;  // each wake (or the spawn) -> the following resume
};

// Fields are ordered by size so the record has no padding (a trace may have millions).
struct Task {
  format::TaskId id = 0;                // as in the trace
  std::string_view name;                // the coroutine function; empty when unknown
  std::span<const TaskIndex> children;  // in spawn order (held by the Model)
  Time spawned = 0;
  std::optional<Time> ended;  // the TaskComplete time; empty if it never completed
  std::string_view exception_type;
  std::string message;  // exception what()
  TaskFigures figures;
  TaskIndex parent = kNoTask;
  format::LocationId spawn_location = 0;
  format::StackId spawn_stack = 0;
  // The parent's await site when this task was spawned (for the async stack's parent part).
  SiteIndex parent_site_at_spawn = 0;
  EventIndex first_event = kNoEvent;  // its spawn (or first event seen)
  EventIndex last_event = kNoEvent;
  std::uint32_t findings = 0;  // how many Model::findings() name this task
  ThreadIndex spawn_thread = kNoThread;
  format::CompletionStatus status = format::CompletionStatus::ok;

  bool completed() const { return ended.has_value(); }
  bool failed() const { return ended && status != format::CompletionStatus::ok; }
  // Lifetime up to `end` (its completion, or `end` if it never completed).
  Time lifetime(Time end) const { return (ended ? *ended : end) - spawned; }
};

// "ok", "exception", "lost-exception", "cancelled".
const char* completion_name(format::CompletionStatus status);

}  // namespace coscope::model
