#include <string>

#include "build_index.hpp"
#include "coscope/model/format_time.hpp"

namespace coscope::model::detail {
namespace {

std::string exception_text(const RawFinding& f) {
  std::string s = f.what.empty() ? "an exception" : std::string(f.what);
  if (!f.message.empty()) s += ": \"" + f.message + "\"";
  return s;
}

const char* fate_text(format::ExceptionFate fate) {
  switch (fate) {
    case format::ExceptionFate::handled:
      return "caught inside the task";
    case format::ExceptionFate::propagated:
      return "propagated to its awaiter";
    case format::ExceptionFate::lost:
      return "lost";
    case format::ExceptionFate::unknown:
      break;
  }
  return "fate unknown";
}

}  // namespace

std::string finding_summary(const RawFinding& f) {
  switch (f.kind) {
    case FindingKind::blocking_call:
      return "blocking call to " +
             (f.what.empty() ? std::string("a blocking function") : std::string(f.what)) +
             " took " + format_duration(f.duration_ns) + " on an event-loop thread";
    case FindingKind::slow_resume:
      return "a resume ran for " + format_duration(f.duration_ns) +
             " without yielding to the event loop";
    case FindingKind::lost_exception:
      return exception_text(f) + " was lost: nobody awaited the task";
    case FindingKind::exception:
      return exception_text(f) + " thrown (" + fate_text(f.fate) + ")";
    case FindingKind::task_failed:
      return "the task ended with " + exception_text(f);
    case FindingKind::cancelled:
      return "the task was destroyed before it finished";
    case FindingKind::lost_task:
      return f.reason == format::LostReason::no_waker
                 ? "the task is suspended with nothing that can wake it"
                 : "the task was still waiting when the program ended";
    case FindingKind::never_completed:
      return f.message;
    case FindingKind::dropped_events:
      return "the tracer dropped " + std::to_string(f.count) +
             " events (buffer full): the trace is incomplete here";
  }
  return {};
}

}  // namespace coscope::model::detail
