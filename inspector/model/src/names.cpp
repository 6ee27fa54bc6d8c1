// Names of the model's enums, as the CLI, JSON output and the UI spell them.
#include <array>

#include "coscope/model/event.hpp"
#include "coscope/model/finding.hpp"
#include "coscope/model/task.hpp"
#include "coscope/model/types.hpp"

namespace coscope::model {
namespace {

constexpr std::array<const char*, kEventKindCount> kEventKinds = {"spawn",
                                                                  "wake",
                                                                  "resume",
                                                                  "suspend",
                                                                  "resume-end",
                                                                  "complete",
                                                                  "handler-destroyed",
                                                                  "exception",
                                                                  "blocking-call",
                                                                  "slow-resume",
                                                                  "lost-task",
                                                                  "log",
                                                                  "dropped-events",
                                                                  "annotation"};
constexpr std::array<const char*, kPhaseCount> kPhases = {"not-spawned", "scheduled", "running",
                                                          "suspended",   "done",      "failed"};
constexpr std::array<const char*, kFindingKindCount> kFindingKinds = {
    "blocking-call", "slow-resume", "lost-exception", "lost-task",     "never-completed",
    "task-failed",   "cancelled",   "exception",      "dropped-events"};

}  // namespace

const char* event_kind_name(EventKind kind) {
  const auto i = static_cast<std::size_t>(kind);
  return i < kEventKinds.size() ? kEventKinds[i] : "?";
}

const char* phase_name(Phase phase) {
  const auto i = static_cast<std::size_t>(phase);
  return i < kPhases.size() ? kPhases[i] : "?";
}

std::optional<Phase> parse_phase(std::string_view name) {
  for (std::size_t i = 0; i < kPhases.size(); ++i)
    if (name == kPhases[i]) return static_cast<Phase>(i);
  return std::nullopt;
}

const char* finding_kind_name(FindingKind kind) {
  const auto i = static_cast<std::size_t>(kind);
  return i < kFindingKinds.size() ? kFindingKinds[i] : "?";
}

std::optional<FindingKind> parse_finding_kind(std::string_view name) {
  for (std::size_t i = 0; i < kFindingKinds.size(); ++i)
    if (name == kFindingKinds[i]) return static_cast<FindingKind>(i);
  return std::nullopt;
}

Severity severity(FindingKind kind) {
  switch (kind) {
    case FindingKind::blocking_call:
    case FindingKind::slow_resume:
    case FindingKind::lost_exception:
    case FindingKind::lost_task:
    case FindingKind::never_completed:
      return Severity::warning;
    default:
      return Severity::note;
  }
}

const char* completion_name(format::CompletionStatus status) {
  switch (status) {
    case format::CompletionStatus::ok:
      return "ok";
    case format::CompletionStatus::exception:
      return "exception";
    case format::CompletionStatus::lost_exception:
      return "lost-exception";
    case format::CompletionStatus::cancelled:
      return "cancelled";
  }
  return "?";
}

const char* log_level_name(std::uint8_t level) {
  static constexpr const char* kLevels[] = {"trace", "debug", "info", "warn", "error", "critical"};
  return level < 6 ? kLevels[level] : "off";
}

}  // namespace coscope::model
