// `summary`: what the program was, how long, threads, tasks by state, the busiest tasks,
// findings with their async stacks, dropped events.
#include <algorithm>
#include <ctime>
#include <ostream>

#include "commands.hpp"
#include "coscope/model/format_time.hpp"
#include "json_output.hpp"
#include "stack_text.hpp"
#include "table.hpp"

namespace coscope::inspect {
namespace {

using model::Phase;

std::string utc(std::int64_t wall_ns) {
  const std::time_t secs = static_cast<std::time_t>(wall_ns / 1'000'000'000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[40];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S UTC", &tm);
  return buf;
}

std::string command_line(const format::FileHeader& h) {
  std::string s = h.program.empty() ? "(unknown program)" : h.program;
  for (const std::string& a : h.arguments) s += " " + a;
  return s;
}

std::string percent(model::Time part, model::Time whole) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.1f%%", whole ? 100.0 * double(part) / double(whole) : 0.0);
  return buf;
}

std::string percentiles_text(const model::Percentiles& p) {
  if (p.count == 0) return "no samples";
  return "p50 " + model::format_duration(p.p50) + ", p90 " + model::format_duration(p.p90) +
         ", p99 " + model::format_duration(p.p99) + ", max " + model::format_duration(p.max) +
         " (" + std::to_string(p.count) + " samples)";
}

std::vector<model::TaskIndex> busiest(const model::Model& m, std::size_t n) {
  std::vector<model::TaskIndex> order(m.tasks().size());
  for (model::TaskIndex t = 0; t < order.size(); ++t) order[t] = t;
  auto busier = [&](model::TaskIndex a, model::TaskIndex b) {
    const auto &x = m.tasks()[a].figures, &y = m.tasks()[b].figures;
    return x.busy != y.busy ? x.busy > y.busy : m.tasks()[a].id < m.tasks()[b].id;
  };
  n = std::min(n, order.size());
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(n), order.end(),
                    busier);
  order.resize(n);
  return order;
}

void print_text(const model::Model& m, const model::Snapshot& end, const SummaryOptions& o,
                std::ostream& out) {
  const format::FileHeader& h = m.header();
  const model::Time duration = m.end();
  out << "program:   " << command_line(h) << "\n";
  out << "process:   pid " << h.pid << " on " << (h.hostname.empty() ? "?" : h.hostname)
      << ", started " << utc(h.start_wall_ns) << "\n";
  out << "trace:     " << model::format_duration(duration) << ", " << m.event_count() << " events, "
      << m.file_size() << " bytes\n";
  if (!m.damage().empty())
    out << "damage:    " << m.damage().size()
        << " damaged stretch(es) skipped; showing what was recovered\n";
  if (m.dropped_events())
    out << "dropped:   " << m.dropped_events() << " events dropped by the tracer\n";

  out << "\nthreads (" << m.threads().size() << "):\n";
  Table threads({{"THREAD"},
                 {"NAME"},
                 {"BUSY", Table::Align::right},
                 {"UTIL", Table::Align::right},
                 {"RESUMES", Table::Align::right}});
  for (const model::ThreadInfo& th : m.threads())
    threads.add({std::to_string(th.os_id), std::string(th.name), model::format_duration(th.busy),
                 percent(th.busy, duration), std::to_string(th.resumes)});
  threads.print(out, 2);

  out << "\ntasks (" << m.tasks().size() << "), at the end of the trace:";
  for (Phase p : {Phase::running, Phase::scheduled, Phase::suspended, Phase::done, Phase::failed})
    out << " " << end.count(p) << " " << model::phase_name(p) << (p == Phase::failed ? "" : ",");
  out << "\n  resume duration:  " << percentiles_text(m.resume_duration_all()) << "\n";
  out << "  scheduling delay: " << percentiles_text(m.scheduling_delay_all()) << "\n";

  const auto top = busiest(m, o.top);
  if (!top.empty()) {
    out << "\nbusiest tasks:\n";
    Table t({{"ID", Table::Align::right},
             {"NAME"},
             {"STATE"},
             {"BUSY", Table::Align::right},
             {"RESUMES", Table::Align::right},
             {"LIFETIME", Table::Align::right}});
    for (model::TaskIndex i : top) {
      const model::Task& task = m.tasks()[i];
      t.add({std::to_string(task.id), std::string(task.name), model::phase_name(end.tasks[i].phase),
             model::format_duration(task.figures.busy), std::to_string(task.figures.resumes),
             model::format_duration(task.lifetime(m.end()))});
    }
    t.print(out, 2);
  }

  std::size_t counts[model::kFindingKindCount] = {};
  for (const model::Finding& f : m.findings()) ++counts[static_cast<int>(f.kind)];
  out << "\nfindings (" << m.findings().size() << ")";
  if (m.findings().empty()) out << ": none";
  out << "\n";
  for (int k = 0; k < model::kFindingKindCount; ++k) {
    if (!counts[k]) continue;
    const auto kind = static_cast<model::FindingKind>(k);
    out << "  " << model::finding_kind_name(kind) << " ("
        << (model::severity(kind) == model::Severity::warning ? "warning" : "note")
        << "): " << counts[k] << "\n";
    std::size_t shown = 0;
    for (const model::Finding& f : m.findings()) {
      if (f.kind != kind) continue;
      if (o.findings_per_kind && shown++ == o.findings_per_kind) {
        out << "    ... " << counts[k] - o.findings_per_kind << " more (coscope-inspect check)\n";
        break;
      }
      out << "    at " << model::format_time(f.time) << " in task " << task_label(m, f.task) << ": "
          << m.finding_summary(f) << "\n";
      // `check` and --json keep every frame.
      print_async_stack(m.finding_stack(f), false, "        ", out);
    }
  }
}

Json to_json(const model::Model& m, const model::Snapshot& end, const SummaryOptions& o) {
  const format::FileHeader& h = m.header();
  Json j{{"program", h.program},
         {"arguments", h.arguments},
         {"pid", h.pid},
         {"hostname", h.hostname},
         {"start_wall_ns", h.start_wall_ns},
         {"duration_ns", m.end()},
         {"events", m.event_count()},
         {"file_size", m.file_size()},
         {"damage", damage_json(m)},
         {"dropped_events", m.dropped_events()}};
  Json threads = Json::array();
  for (const model::ThreadInfo& th : m.threads())
    threads.push_back(Json{{"thread", th.os_id},
                           {"name", th.name},
                           {"busy_ns", th.busy},
                           {"resumes", th.resumes},
                           {"events", th.events}});
  j["threads"] = std::move(threads);
  Json by_state = Json::object();
  for (int p = 1; p < model::kPhaseCount; ++p)
    by_state[model::phase_name(static_cast<Phase>(p))] = end.count(static_cast<Phase>(p));
  j["tasks"] = Json{{"total", m.tasks().size()}, {"at_end", std::move(by_state)}};
  j["resume_duration"] = percentiles_json(m.resume_duration_all());
  j["scheduling_delay"] = percentiles_json(m.scheduling_delay_all());
  Json top = Json::array();
  for (model::TaskIndex i : busiest(m, o.top)) top.push_back(task_json(m, i, end.tasks[i]));
  j["busiest_tasks"] = std::move(top);
  Json counts = Json::object();
  for (const model::Finding& f : m.findings()) {
    Json& c = counts[model::finding_kind_name(f.kind)];
    c = c.is_null() ? 1 : c.get<int>() + 1;
  }
  Json items = Json::array();
  for (const model::Finding& f : m.findings()) items.push_back(finding_json(m, f, true));
  j["findings"] = Json{{"counts", std::move(counts)}, {"items", std::move(items)}};
  return j;
}

}  // namespace

int summary_command(const model::Model& m, const SummaryOptions& o, std::ostream& out) {
  const model::Snapshot end = m.state_after(static_cast<model::EventIndex>(m.event_count()));
  if (o.json)
    out << to_json(m, end, o).dump(2) << "\n";
  else
    print_text(m, end, o, out);
  return 0;
}

}  // namespace coscope::inspect
