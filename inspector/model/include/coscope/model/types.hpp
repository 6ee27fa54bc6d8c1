// Basic vocabulary of the inspector model: times, dense indexes, and the kinds the model
// distinguishes. Everything here is cheap to copy.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string_view>

#include "coscope/format/records.hpp"

namespace coscope::model {

// Nanoseconds since the trace's start (format::FileHeader::start_monotonic_ns).
using Time = std::uint64_t;
// Dense index into Model::tasks(); stable for the life of a Model. Not the trace's TaskId.
using TaskIndex = std::uint32_t;
// Position of an event in the global time order (stable for equal times: file order).
using EventIndex = std::uint32_t;
// Dense index into Model::threads().
using ThreadIndex = std::uint16_t;
// Index of an await site (operation, location, stack); 0 = none. See Model::site().
using SiteIndex = std::uint32_t;

inline constexpr TaskIndex kNoTask = std::numeric_limits<TaskIndex>::max();
inline constexpr EventIndex kNoEvent = std::numeric_limits<EventIndex>::max();
inline constexpr ThreadIndex kNoThread = std::numeric_limits<ThreadIndex>::max();

// Event kinds as the model stores them (one per format event record kind).
enum class EventKind : std::uint8_t {
  spawn,
  wake,
  resume,
  suspend,
  resume_end,
  complete,
  handler_destroyed,
  exception,
  blocking_call,
  slow_resume,
  lost_task,
  log,
  dropped_events,
  annotation,
};
inline constexpr int kEventKindCount = 14;
// "spawn", "wake", "resume", "suspend", "resume-end", "complete", ...
const char* event_kind_name(EventKind kind);

// What a task is doing at a moment.
enum class Phase : std::uint8_t {
  not_spawned,  // the moment is before its TaskSpawn
  scheduled,    // runnable: spawned or woken, not yet resumed
  running,      // a thread is running it (TaskState::thread)
  suspended,    // awaiting an operation (TaskState::site) since TaskState::since
  done,         // completed normally
  failed,       // completed with an exception, a lost exception, or cancelled
};
inline constexpr int kPhaseCount = 6;
// "not-spawned", "scheduled", "running", "suspended", "done", "failed".
const char* phase_name(Phase phase);
std::optional<Phase> parse_phase(std::string_view name);

}  // namespace coscope::model
