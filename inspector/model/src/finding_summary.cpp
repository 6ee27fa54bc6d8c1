#include <string>

#include "coscope/model/format_time.hpp"
#include "coscope/model/model.hpp"
#include "model_data.hpp"

namespace coscope::model {
namespace {

std::string exception_text(const Finding& f, std::string_view message) {
  std::string s = f.what.empty() ? "an exception" : std::string(f.what);
  if (!message.empty()) s += ": \"" + std::string(message) + "\"";
  return s;
}

const char* fate_text(format::ExceptionFate fate) {
  switch (fate) {
    case format::ExceptionFate::handled:
      return "caught inside the task";
    case format::ExceptionFate::propagated:
      return "passed on out of the task (to its awaiter or completion handler)";
    case format::ExceptionFate::lost:
      return "lost";
    case format::ExceptionFate::unknown:
      break;
  }
  return "fate unknown";
}

}  // namespace

std::string_view Model::finding_message(const Finding& f) const {
  return f.message < data_->finding_messages.size() ? data_->finding_messages[f.message]
                                                    : std::string_view();
}

// Built when asked: a trace may have hundreds of thousands of findings.
std::string Model::finding_summary(const Finding& f) const {
  const std::string_view message = finding_message(f);
  switch (f.kind) {
    case FindingKind::blocking_call:
      return "blocking call to " +
             (f.what.empty() ? std::string("a blocking function") : std::string(f.what)) +
             " took " + format_duration(f.duration_ns) + " on an event-loop thread";
    case FindingKind::slow_resume:
      return "a resume ran for " + format_duration(f.duration_ns) +
             " without yielding to the event loop";
    case FindingKind::lost_exception:
      return exception_text(f, message) + " was lost: nobody awaited the task";
    case FindingKind::exception:
      return exception_text(f, message) + " thrown (" + fate_text(f.fate) + ")";
    case FindingKind::task_failed:
      return "the task ended with " + exception_text(f, message);
    case FindingKind::cancelled:
      return "the task was destroyed before it finished";
    case FindingKind::lost_task:
      switch (f.reason) {
        case format::LostReason::no_waker:
          return "the task is suspended with nothing that can wake it";
        case format::LostReason::running_at_exit:
          return "the task was running when the program ended (exit() from inside it, or "
                 "another thread still running it)";
        case format::LostReason::pending_at_exit:
          break;
      }
      return "the task was still waiting when the program ended";
    case FindingKind::never_completed:
      return std::string(message);
    case FindingKind::dropped_events:
      return "the tracer dropped " + std::to_string(f.count) +
             " events (buffer full): the trace is incomplete here";
  }
  return {};
}

}  // namespace coscope::model
