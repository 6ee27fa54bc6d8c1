// One line of text per event, for event lists in the CLI and the UI.
#include <string>

#include "coscope/model/format_time.hpp"
#include "coscope/model/model.hpp"
#include "model_data.hpp"

namespace coscope::model {
namespace {

std::string where(const Model& m, format::LocationId id) {
  const SourceLocation l = m.location(id);
  if (!l.known()) return {};
  std::string s = " at " + std::string(l.file) + ":" + std::to_string(l.line);
  if (!l.function.empty()) s += " in " + std::string(l.function);
  return s;
}

std::string thread_label(const Model& m, ThreadIndex t) {
  if (t >= m.threads().size()) return "an unknown thread";
  const ThreadInfo& th = m.threads()[t];
  std::string s = "thread " + std::to_string(th.os_id);
  if (!th.name.empty()) s += " (" + std::string(th.name) + ")";
  return s;
}

}  // namespace

std::string Model::describe(const Event& e) const {
  switch (e.kind) {
    case EventKind::spawn: {
      std::string s = "spawned";
      if (e.task < tasks().size()) {
        const Task& t = tasks()[e.task];
        if (t.parent != kNoTask) s += " by task " + std::to_string(tasks()[t.parent].id);
        s += where(*this, t.spawn_location);
      }
      return s + " on " + thread_label(*this, e.thread);
    }
    case EventKind::wake:
      return "woken (its operation completed) on " + thread_label(*this, e.thread);
    case EventKind::resume:
      return "resumed on " + thread_label(*this, e.thread);
    case EventKind::suspend: {
      const AwaitSite& s = site(e.arg);
      return "awaits " +
             (s.operation.empty() ? std::string("(unknown)") : std::string(s.operation)) +
             where(*this, s.location);
    }
    case EventKind::resume_end:
      return "yielded " + thread_label(*this, e.thread);
    case EventKind::complete: {
      if (e.task >= tasks().size()) return "completed";
      const Task& t = tasks()[e.task];
      std::string s = std::string("completed: ") + completion_name(t.status);
      if (!t.exception_type.empty()) s += " " + std::string(t.exception_type);
      if (!t.message.empty()) s += " \"" + t.message + "\"";
      return s;
    }
    case EventKind::handler_destroyed:
      return "handler of " + std::string(site(e.arg).operation) + " destroyed without being called";
    case EventKind::exception:
    case EventKind::blocking_call:
    case EventKind::slow_resume:
    case EventKind::lost_task:
    case EventKind::dropped_events:
      if (e.arg < findings().size())
        return std::string(finding_kind_name(findings()[e.arg].kind)) + ": " +
               finding_summary(findings()[e.arg]);
      return event_kind_name(e.kind);
    case EventKind::log:
      if (e.arg < logs().size()) {
        const LogEntry& l = logs()[e.arg];
        return std::string("log ") + log_level_name(l.level) +
               (l.logger.empty() ? "" : " [" + std::string(l.logger) + "]") + ": " + l.text;
      }
      return "log";
    case EventKind::annotation:
      if (e.arg < annotations().size())
        return "annotation " + std::string(annotations()[e.arg].key) + " = " +
               annotations()[e.arg].value;
      return "annotation";
  }
  return "?";
}

}  // namespace coscope::model
