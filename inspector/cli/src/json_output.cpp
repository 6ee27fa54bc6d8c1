#include "json_output.hpp"

namespace coscope::inspect {

Json percentiles_json(const model::Percentiles& p) {
  return Json{{"count", p.count},
              {"p50_ns", p.p50},
              {"p90_ns", p.p90},
              {"p99_ns", p.p99},
              {"max_ns", p.max}};
}

Json stack_json(const model::AsyncStack& stack) {
  Json rows = Json::array();
  for (const model::AsyncFrame& f : stack) {
    Json row{{"role", model::frame_role_name(f.role)}};
    if (f.address) row["address"] = f.address;
    if (!f.what.empty()) row["what"] = f.what;
    const bool resolved = !f.symbol.empty();
    row["function"] = resolved ? f.symbol.front().function : f.function;
    row["file"] = resolved ? f.symbol.front().file : f.file;
    row["line"] = resolved ? f.symbol.front().line : f.line;
    if (f.symbol.size() > 1) {
      Json inl = Json::array();
      for (std::size_t i = 1; i < f.symbol.size(); ++i)
        inl.push_back(Json{{"function", f.symbol[i].function},
                           {"file", f.symbol[i].file},
                           {"line", f.symbol[i].line}});
      row["inlined_into"] = std::move(inl);
    }
    row["text"] = f.describe();
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string task_label(const model::Model& m, model::TaskIndex t) {
  if (t >= m.tasks().size()) return "-";
  const model::Task& task = m.tasks()[t];
  return std::to_string(task.id) + (task.name.empty() ? "" : " (" + std::string(task.name) + ")");
}

std::string thread_label(const model::Model& m, model::ThreadIndex t) {
  if (t >= m.threads().size()) return "-";
  const model::ThreadInfo& th = m.threads()[t];
  return std::to_string(th.os_id) + (th.name.empty() ? "" : " (" + std::string(th.name) + ")");
}

std::string awaiting(const model::Model& m, const model::TaskState& s) {
  if (s.phase != model::Phase::suspended) return {};
  return std::string(m.site(s.site).operation);
}

Json task_json(const model::Model& m, model::TaskIndex t, const model::TaskState& s) {
  const model::Task& task = m.tasks()[t];
  Json j{
      {"id", task.id},
      {"name", task.name},
      {"parent", task.parent == model::kNoTask ? Json(nullptr) : Json(m.tasks()[task.parent].id)},
      {"state", model::phase_name(s.phase)},
      {"since_ns", s.since}};
  if (s.phase == model::Phase::running && s.thread < m.threads().size())
    j["thread"] = m.threads()[s.thread].os_id;
  if (s.phase == model::Phase::suspended) j["awaiting"] = awaiting(m, s);
  j["spawned_ns"] = task.spawned;
  j["ended_ns"] = task.ended ? Json(*task.ended) : Json(nullptr);
  j["completion"] = task.ended ? Json(model::completion_name(task.status)) : Json(nullptr);
  const model::SourceLocation loc = m.location(task.spawn_location);
  if (loc.known()) j["spawned_at"] = std::string(loc.file) + ":" + std::to_string(loc.line);
  j["busy_ns"] = task.figures.busy;
  j["scheduled_ns"] = task.figures.scheduled;
  j["idle_ns"] = task.figures.idle;
  j["resumes"] = task.figures.resumes;
  j["wakes"] = task.figures.wakes;
  j["first_resume_delay_ns"] =
      task.figures.first_resume_delay ? Json(*task.figures.first_resume_delay) : Json(nullptr);
  j["findings"] = task.findings;
  return j;
}

Json finding_json(const model::Model& m, const model::Finding& f, bool with_stack) {
  Json j{
      {"kind", model::finding_kind_name(f.kind)},
      {"severity", model::severity(f.kind) == model::Severity::warning ? "warning" : "note"},
      {"time_ns", f.time},
      {"task", f.task == model::kNoTask ? Json(nullptr) : Json(m.tasks()[f.task].id)},
      {"thread", f.thread < m.threads().size() ? Json(m.threads()[f.thread].os_id) : Json(nullptr)},
      {"summary", m.finding_summary(f)}};
  if (f.duration_ns) j["duration_ns"] = f.duration_ns;
  if (f.count) j["count"] = f.count;
  if (with_stack) j["stack"] = stack_json(m.finding_stack(f));
  return j;
}

Json damage_json(const model::Model& m) {
  Json out = Json::array();
  for (const format::Damage& d : m.damage())
    out.push_back(Json{{"offset", d.offset}, {"length", d.length}, {"reason", d.reason}});
  return out;
}

}  // namespace coscope::inspect
