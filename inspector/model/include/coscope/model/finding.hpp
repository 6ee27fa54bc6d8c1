// Findings: what the inspector reports as worth a look (runtime checks, failures, leftovers).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "coscope/format/records.hpp"
#include "coscope/model/types.hpp"

namespace coscope::model {

inline constexpr std::uint32_t kNoMessage = 0xffffffffu;

enum class FindingKind : std::uint8_t {
  blocking_call,    // a blocking function ran on an event-loop thread inside a task
  slow_resume,      // a resume ran longer than the tracer's threshold
  lost_exception,   // an exception nobody received (detached task)
  lost_task,        // suspended with nothing that can wake it, or pending at exit
  never_completed,  // spawned, never completed by the end of the trace (no lost-task for it)
  task_failed,      // completed with an exception that its completion handler received
  cancelled,        // destroyed without finishing
  exception,        // an exception thrown inside a task (handled or propagated)
  dropped_events,   // the tracer dropped events (buffer full): the trace is incomplete
};
inline constexpr int kFindingKindCount = 9;

// "blocking-call", "slow-resume", "lost-exception", "lost-task", "never-completed",
// "task-failed", "cancelled", "exception", "dropped-events".
const char* finding_kind_name(FindingKind kind);
std::optional<FindingKind> parse_finding_kind(std::string_view name);

// Warnings are what `check` fails on by default; notes are context.
enum class Severity : std::uint8_t { note, warning };
Severity severity(FindingKind kind);

// The sentence the UI and CLI show for a finding is Model::finding_summary(finding), built
// when asked from the fields below (a trace has many findings; the model keeps no text).
struct Finding {
  Time time = 0;
  std::uint64_t duration_ns = 0;  // blocking-call, slow-resume
  std::uint64_t count = 0;        // dropped-events
  // blocking-call: the function; exception, lost-exception, task-failed: the exception type.
  std::string_view what;
  TaskIndex task = kNoTask;     // kNoTask when outside any task
  EventIndex event = kNoEvent;  // the event that reported it (kNoEvent for never-completed)
  format::StackId stack = 0;    // the finding's own stack (throw site, blocking call, sample)
  std::uint32_t message = kNoMessage;  // its text (exception what(), ...): Model::finding_message
  ThreadIndex thread = kNoThread;
  FindingKind kind = FindingKind::blocking_call;
  format::ExceptionFate fate = format::ExceptionFate::unknown;      // exception
  format::LostReason reason = format::LostReason::pending_at_exit;  // lost-task
};

}  // namespace coscope::model
