// `tasks`: the task table at a moment, filtered by state and sorted by a column.
#include <algorithm>
#include <functional>
#include <ostream>

#include "commands.hpp"
#include "coscope/model/format_time.hpp"
#include "json_output.hpp"
#include "table.hpp"

namespace coscope::inspect {
namespace {

using model::TaskIndex;

// A sort key per column; ties fall back to the task id so the order is total.
using Less = std::function<bool(TaskIndex, TaskIndex)>;

Less column_less(const model::Model& m, const model::Snapshot& s, const std::string& column) {
  const auto& t = m.tasks();
  auto by = [&t](auto key) -> Less {
    return [&t, key](TaskIndex a, TaskIndex b) {
      const auto x = key(a), y = key(b);
      return x != y ? x < y : t[a].id < t[b].id;
    };
  };
  if (column == "name") return by([&t](TaskIndex i) { return t[i].name; });
  if (column == "state")
    return by([&s](TaskIndex i) { return static_cast<int>(s.tasks[i].phase); });
  if (column == "total") return by([&t, &m](TaskIndex i) { return t[i].lifetime(m.end()); });
  if (column == "busy") return by([&t](TaskIndex i) { return t[i].figures.busy; });
  if (column == "sched") return by([&t](TaskIndex i) { return t[i].figures.scheduled; });
  if (column == "idle") return by([&t](TaskIndex i) { return t[i].figures.idle; });
  if (column == "resumes") return by([&t](TaskIndex i) { return t[i].figures.resumes; });
  if (column == "spawned") return by([&t](TaskIndex i) { return t[i].spawned; });
  if (column == "findings") return by([&t](TaskIndex i) { return t[i].findings; });
  return by([&t](TaskIndex i) { return t[i].id; });
}

}  // namespace

const std::vector<std::string>& task_sort_columns() {
  static const std::vector<std::string> kColumns = {
      "id", "name", "state", "total", "busy", "sched", "idle", "resumes", "spawned", "findings"};
  return kColumns;
}

int tasks_command(const model::Model& m, const TasksOptions& o, std::ostream& out) {
  const model::Snapshot s = m.state_at(o.at);
  std::vector<TaskIndex> rows;
  for (TaskIndex t = 0; t < m.tasks().size(); ++t) {
    const model::Phase p = s.tasks[t].phase;
    if (o.state ? p == *o.state : p != model::Phase::not_spawned) rows.push_back(t);
  }
  std::stable_sort(rows.begin(), rows.end(), column_less(m, s, o.sort));
  if (o.reverse) std::reverse(rows.begin(), rows.end());
  const std::size_t total = rows.size();
  if (o.limit && rows.size() > o.limit) rows.resize(o.limit);

  if (o.json) {
    Json tasks = Json::array();
    for (TaskIndex t : rows) tasks.push_back(task_json(m, t, s.tasks[t]));
    out << Json{{"at_ns", o.at}, {"matching", total}, {"tasks", std::move(tasks)}}.dump(2) << "\n";
    return 0;
  }
  out << "tasks at " << model::format_time(o.at) << ": " << total << " shown"
      << (o.state ? std::string(" in state ") + model::phase_name(*o.state) : std::string())
      << " (figures cover each task's whole life)\n";
  using A = Table::Align;
  Table table({{"ID", A::right},
               {"PARENT", A::right},
               {"NAME"},
               {"STATE"},
               {"SINCE", A::right},
               {"TOTAL", A::right},
               {"BUSY", A::right},
               {"SCHED", A::right},
               {"IDLE", A::right},
               {"RESUMES", A::right},
               {"SPAWNED", A::right},
               {"WARN", A::right},
               {"AWAITING"}});
  for (TaskIndex t : rows) {
    const model::Task& task = m.tasks()[t];
    const model::TaskState& st = s.tasks[t];
    table.add(
        {std::to_string(task.id),
         task.parent == model::kNoTask ? "-" : std::to_string(m.tasks()[task.parent].id),
         std::string(task.name), model::phase_name(st.phase), model::format_time(st.since),
         model::format_duration(task.lifetime(m.end())), model::format_duration(task.figures.busy),
         model::format_duration(task.figures.scheduled), model::format_duration(task.figures.idle),
         std::to_string(task.figures.resumes), model::format_time(task.spawned),
         task.findings ? std::to_string(task.findings) : "", awaiting(m, st)});
  }
  table.print(out);
  if (rows.size() < total) out << "... " << total - rows.size() << " more (--limit)\n";
  return 0;
}

}  // namespace coscope::inspect
