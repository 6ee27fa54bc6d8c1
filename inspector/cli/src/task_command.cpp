// `task`: one task in depth: identity, figures and distributions, its state and async stack
// at a moment, its timeline of events, its findings and logs.
#include <ostream>

#include "commands.hpp"
#include "coscope/model/format_time.hpp"
#include "json_output.hpp"
#include "stack_text.hpp"
#include "table.hpp"

namespace coscope::inspect {
namespace {

std::string pct_text(const model::Percentiles& p) {
  if (!p.count) return "-";
  return "p50 " + model::format_duration(p.p50) + "  p90 " + model::format_duration(p.p90) +
         "  p99 " + model::format_duration(p.p99) + "  max " + model::format_duration(p.max);
}

void print_text(const model::Model& m, model::TaskIndex t, const model::TaskState& st,
                const TaskOptions& o, std::ostream& out) {
  const model::Task& task = m.tasks()[t];
  out << "task " << task_label(m, t) << "\n";
  if (task.parent != model::kNoTask) out << "  parent:     " << task_label(m, task.parent) << "\n";
  if (!task.children.empty()) {
    out << "  children:   " << task.children.size() << " (";
    for (std::size_t i = 0; i < task.children.size() && i < 10; ++i)
      out << (i ? ", " : "") << m.tasks()[task.children[i]].id;
    out << (task.children.size() > 10 ? ", ...)\n" : ")\n");
  }
  out << "  spawned:    " << model::format_time(task.spawned);
  const model::SourceLocation loc = m.location(task.spawn_location);
  if (loc.known()) out << " at " << loc.file << ":" << loc.line;
  out << "\n  ended:      "
      << (task.ended
              ? model::format_time(*task.ended) + " (" + model::completion_name(task.status) +
                    (task.exception_type.empty() ? "" : " " + std::string(task.exception_type)) +
                    (task.message.empty() ? "" : " \"" + task.message + "\"") + ")"
              : std::string("never (still alive at the end of the trace)"))
      << "\n";
  out << "  busy " << model::format_duration(task.figures.busy) << ", scheduled "
      << model::format_duration(task.figures.scheduled) << ", idle "
      << model::format_duration(task.figures.idle) << "; " << task.figures.resumes << " resumes, "
      << task.figures.wakes << " wakes";
  if (task.figures.first_resume_delay)
    out << "; first resume after " << model::format_duration(*task.figures.first_resume_delay);
  const model::TaskDistributions d = m.task_distributions(t);
  out << "\n  resume duration:  " << pct_text(d.resume_duration)
      << "\n  scheduling delay: " << pct_text(d.scheduling_delay) << "\n";

  out << "\nat " << model::format_time(o.at) << ": " << model::phase_name(st.phase);
  if (st.phase == model::Phase::running) out << " on thread " << thread_label(m, st.thread);
  if (st.phase == model::Phase::suspended) out << " awaiting " << awaiting(m, st);
  if (st.phase != model::Phase::not_spawned) out << " since " << model::format_time(st.since);
  out << "\nasync stack:\n";
  print_async_stack(m.async_stack(t, st), o.full_stack, "  ", out);

  const std::vector<model::EventIndex> events = m.task_events(t);
  out << "\nevents (" << events.size() << "):\n";
  std::size_t shown = 0;
  for (model::EventIndex i : events) {
    if (o.limit && shown++ == o.limit) {
      out << "  ... " << events.size() - o.limit << " more (--limit 0 shows all)\n";
      break;
    }
    const model::Event e = m.event(i);
    out << "  " << model::format_time(e.time) << "  " << m.describe(e) << "\n";
  }
  const auto findings = m.task_findings(t);
  if (!findings.empty()) {
    out << "\nfindings (" << findings.size() << "):\n";
    for (std::size_t f : findings)
      out << "  " << model::format_time(m.findings()[f].time) << "  "
          << model::finding_kind_name(m.findings()[f].kind) << ": "
          << m.finding_summary(m.findings()[f]) << "\n";
  }
  const auto logs = m.task_logs(t);
  if (!logs.empty()) {
    out << "\nlogs (" << logs.size() << "):\n";
    for (std::size_t l : logs) {
      const model::LogEntry& e = m.logs()[l];
      out << "  " << model::format_time(e.time) << "  [" << model::log_level_name(e.level) << "] "
          << (e.logger.empty() ? "" : std::string(e.logger) + ": ") << e.text << "\n";
    }
  }
}

}  // namespace

int task_command(const model::Model& m, model::TaskIndex t, const TaskOptions& o,
                 std::ostream& out) {
  const model::TaskState st = m.task_state_at(t, o.at);
  if (!o.json) {
    print_text(m, t, st, o, out);
    return 0;
  }
  Json j = task_json(m, t, st);
  j["at_ns"] = o.at;
  const model::TaskDistributions d = m.task_distributions(t);
  j["resume_duration"] = percentiles_json(d.resume_duration);
  j["scheduling_delay"] = percentiles_json(d.scheduling_delay);
  Json children = Json::array();
  for (model::TaskIndex c : m.tasks()[t].children) children.push_back(m.tasks()[c].id);
  j["children"] = std::move(children);
  j["stack"] = stack_json(m.async_stack(t, st));
  Json events = Json::array();
  for (model::EventIndex i : m.task_events(t)) {
    const model::Event e = m.event(i);
    events.push_back(
        Json{{"time_ns", e.time},
             {"kind", model::event_kind_name(e.kind)},
             {"thread",
              e.thread < m.threads().size() ? Json(m.threads()[e.thread].os_id) : Json(nullptr)},
             {"text", m.describe(e)}});
  }
  j["events"] = std::move(events);
  Json timeline = Json::array();
  for (const model::PhaseInterval& iv : m.task_timeline(t))
    timeline.push_back(Json{{"phase", model::phase_name(iv.phase)},
                            {"from_ns", iv.from},
                            {"to_ns", iv.to},
                            {"open", iv.open_at_end}});
  j["timeline"] = std::move(timeline);
  Json findings = Json::array();
  for (std::size_t f : m.task_findings(t))
    findings.push_back(finding_json(m, m.findings()[f], false));
  j["finding_list"] = std::move(findings);
  Json logs = Json::array();
  for (std::size_t l : m.task_logs(t)) {
    const model::LogEntry& e = m.logs()[l];
    logs.push_back(Json{{"time_ns", e.time},
                        {"level", model::log_level_name(e.level)},
                        {"logger", e.logger},
                        {"text", e.text}});
  }
  j["logs"] = std::move(logs);
  out << j.dump(2) << "\n";
  return 0;
}

}  // namespace coscope::inspect
