// Chrome trace-event JSON (the format chrome://tracing and ui.perfetto.dev read):
// - one async track per task (category "task", id = task id): a slice for its whole life
//   with nested slices for each scheduled / running / suspended stretch;
// - thread tracks with a complete ("X") slice per resume;
// - flow arrows spawn -> first resume and wake -> resume (s/f with "bp":"e");
// - instant events for findings and logs, with their details as args.
// Timestamps are microseconds (fractional, so nanoseconds survive); events are written one
// by one so memory does not grow with the trace.
#include <ostream>
#include <unordered_map>

#include "commands.hpp"
#include "json_output.hpp"

namespace coscope::inspect {
namespace {

class Writer {
 public:
  explicit Writer(std::ostream& out) : out_(out) { out_ << "{\"traceEvents\":[\n"; }
  void add(const Json& j) {
    out_ << (first_ ? "" : ",\n") << j.dump();
    first_ = false;
  }
  void finish(const Json& other) {
    out_ << "\n],\"displayTimeUnit\":\"ns\",\"otherData\":" << other.dump() << "}\n";
  }

 private:
  std::ostream& out_;
  bool first_ = true;
};

double us(model::Time ns) {
  return double(ns) / 1000.0;
}

}  // namespace

void export_chrome(const model::Model& m, std::ostream& out) {
  const std::uint32_t pid = m.header().pid ? m.header().pid : 1;
  auto tid = [&](model::ThreadIndex t) -> std::uint32_t {
    return t < m.threads().size() ? m.threads()[t].os_id : 0;
  };
  auto task_name = [&](model::TaskIndex t) {
    const model::Task& k = m.tasks()[t];
    return "task " + std::to_string(k.id) + (k.name.empty() ? "" : ": " + std::string(k.name));
  };
  Writer w(out);
  w.add(Json{
      {"ph", "M"},
      {"name", "process_name"},
      {"pid", pid},
      {"tid", 0},
      {"args", {{"name", m.header().program.empty() ? "traced program" : m.header().program}}}});
  for (const model::ThreadInfo& th : m.threads())
    w.add(Json{{"ph", "M"},
               {"name", "thread_name"},
               {"pid", pid},
               {"tid", th.os_id},
               {"args",
                {{"name", th.name.empty() ? "thread " + std::to_string(th.os_id)
                                          : std::string(th.name)}}}});

  // Task tracks: the lifetime slice encloses the phase slices (nestable async events).
  for (model::TaskIndex t = 0; t < m.tasks().size(); ++t) {
    const model::Task& k = m.tasks()[t];
    if (k.first_event == model::kNoEvent) continue;
    const Json id = std::to_string(k.id);
    w.add(Json{
        {"ph", "b"},
        {"cat", "task"},
        {"id", id},
        {"name", task_name(t)},
        {"pid", pid},
        {"tid", 0},
        {"ts", us(k.spawned)},
        {"args",
         {{"task", k.id}, {"parent", k.parent == model::kNoTask ? 0 : m.tasks()[k.parent].id}}}});
  }
  m.for_each_interval([&](model::TaskIndex t, const model::PhaseInterval& iv) {
    if (iv.phase == model::Phase::done || iv.phase == model::Phase::failed) return;
    std::string name = model::phase_name(iv.phase);
    if (iv.phase == model::Phase::suspended && !m.site(iv.site).operation.empty())
      name += ": " + std::string(m.site(iv.site).operation);
    const Json id = std::to_string(m.tasks()[t].id);
    w.add(Json{{"ph", "b"},
               {"cat", "task"},
               {"id", id},
               {"name", name},
               {"pid", pid},
               {"tid", 0},
               {"ts", us(iv.from)}});
    w.add(Json{{"ph", "e"},
               {"cat", "task"},
               {"id", id},
               {"name", name},
               {"pid", pid},
               {"tid", 0},
               {"ts", us(iv.to)}});
    if (iv.phase == model::Phase::running)
      w.add(Json{{"ph", "X"},
                 {"cat", "resume"},
                 {"name", task_name(t)},
                 {"pid", pid},
                 {"tid", tid(iv.thread)},
                 {"ts", us(iv.from)},
                 {"dur", us(iv.to - iv.from)},
                 {"args", {{"task", m.tasks()[t].id}}}});
  });

  // Flows into each resume from what made the task runnable (its spawn or its wake).
  struct Cause {
    model::Time time;
    model::ThreadIndex thread;
    const char* name;
  };
  std::unordered_map<model::TaskIndex, Cause> cause;
  std::uint64_t flow = 0;
  m.for_each_event(0, static_cast<model::EventIndex>(m.event_count()),
                   [&](model::EventIndex, const model::Event& e) {
                     if (e.task == model::kNoTask) return;
                     if (e.kind == model::EventKind::spawn || e.kind == model::EventKind::wake) {
                       cause[e.task] = Cause{e.time, e.thread,
                                             e.kind == model::EventKind::spawn ? "spawn" : "wake"};
                     } else if (e.kind == model::EventKind::resume) {
                       auto it = cause.find(e.task);
                       if (it == cause.end()) return;
                       ++flow;
                       w.add(Json{{"ph", "s"},
                                  {"cat", "flow"},
                                  {"id", flow},
                                  {"name", it->second.name},
                                  {"pid", pid},
                                  {"tid", tid(it->second.thread)},
                                  {"ts", us(it->second.time)}});
                       w.add(Json{{"ph", "f"},
                                  {"bp", "e"},
                                  {"cat", "flow"},
                                  {"id", flow},
                                  {"name", it->second.name},
                                  {"pid", pid},
                                  {"tid", tid(e.thread)},
                                  {"ts", us(e.time)}});
                       cause.erase(it);
                     }
                   });

  for (const model::Finding& f : m.findings()) {
    Json args = finding_json(m, f, false);
    w.add(Json{{"ph", "i"},
               {"cat", "finding"},
               {"name", model::finding_kind_name(f.kind)},
               {"s", f.thread < m.threads().size() ? "t" : "g"},
               {"pid", pid},
               {"tid", tid(f.thread)},
               {"ts", us(f.time)},
               {"args", std::move(args)}});
  }
  for (const model::LogEntry& l : m.logs())
    w.add(Json{{"ph", "i"},
               {"cat", "log"},
               {"name", "log: " + l.text.substr(0, 60)},
               {"s", "t"},
               {"pid", pid},
               {"tid", tid(l.thread)},
               {"ts", us(l.time)},
               {"args",
                {{"level", model::log_level_name(l.level)},
                 {"logger", l.logger},
                 {"text", l.text},
                 {"task", l.task == model::kNoTask ? 0 : m.tasks()[l.task].id}}}});
  // Lifetime ends last, so that at equal timestamps they close after the phase inside them.
  for (model::TaskIndex t = 0; t < m.tasks().size(); ++t) {
    const model::Task& k = m.tasks()[t];
    if (k.first_event == model::kNoEvent) continue;
    w.add(Json{{"ph", "e"},
               {"cat", "task"},
               {"id", std::to_string(k.id)},
               {"name", task_name(t)},
               {"pid", pid},
               {"tid", 0},
               {"ts", us(k.ended ? *k.ended : m.end())},
               {"args", {{"completion", k.ended ? model::completion_name(k.status) : "never"}}}});
  }
  w.finish(Json{{"source", "coscope-inspect"},
                {"pid", m.header().pid},
                {"start_wall_ns", m.header().start_wall_ns},
                {"dropped_events", m.dropped_events()}});
}

}  // namespace coscope::inspect
