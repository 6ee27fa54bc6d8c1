// `stacks`: the async stacks of every live task at a moment, grouped by identical stack and
// ordered by how many tasks share it ("where are my tasks parked").
#include <algorithm>
#include <map>
#include <ostream>

#include "commands.hpp"
#include "coscope/model/format_time.hpp"
#include "json_output.hpp"
#include "stack_text.hpp"

namespace coscope::inspect {
namespace {

struct Group {
  std::vector<std::string> lines;  // the stack as text, without task-specific rows
  model::Phase phase;
  model::TaskIndex example;
  std::vector<model::TaskIndex> tasks;
};

}  // namespace

int stacks_command(const model::Model& m, const StacksOptions& o, std::ostream& out) {
  const model::Snapshot s = m.state_at(o.at);
  // Spawn-site rows name their task; leave them out of the key so that tasks parked at the
  // same place group together.
  std::map<std::pair<int, std::vector<std::string>>, Group> groups;
  for (model::TaskIndex t = 0; t < s.tasks.size(); ++t) {
    const model::Phase p = s.tasks[t].phase;
    if (p == model::Phase::not_spawned || p == model::Phase::done || p == model::Phase::failed)
      continue;
    model::AsyncStack stack = m.async_stack(t, s.tasks[t]);
    for (model::AsyncFrame& f : stack)
      if (f.role == model::FrameRole::spawn_site)
        f.what = "task " + std::string(m.tasks()[f.task].name);
    std::vector<std::string> lines = async_stack_lines(stack, o.full_stack);
    Group& g = groups[{static_cast<int>(p), lines}];
    if (g.tasks.empty()) {
      g.lines = lines;
      g.phase = p;
      g.example = t;
    }
    g.tasks.push_back(t);
  }
  std::vector<const Group*> order;
  for (const auto& [key, g] : groups) order.push_back(&g);
  std::stable_sort(order.begin(), order.end(), [](const Group* a, const Group* b) {
    return a->tasks.size() > b->tasks.size();
  });

  if (o.json) {
    Json arr = Json::array();
    for (const Group* g : order) {
      Json ids = Json::array();
      for (model::TaskIndex t : g->tasks) ids.push_back(m.tasks()[t].id);
      arr.push_back(Json{{"count", g->tasks.size()},
                         {"state", model::phase_name(g->phase)},
                         {"tasks", std::move(ids)},
                         {"stack", stack_json(m.async_stack(g->example, s.tasks[g->example]))}});
    }
    out << Json{{"at_ns", o.at}, {"groups", std::move(arr)}}.dump(2) << "\n";
    return 0;
  }
  std::size_t live = 0;
  for (const Group* g : order) live += g->tasks.size();
  out << "live tasks at " << model::format_time(o.at) << ": " << live << " in " << order.size()
      << " distinct stacks\n";
  for (const Group* g : order) {
    out << "\n"
        << g->tasks.size() << (g->tasks.size() == 1 ? " task " : " tasks ")
        << model::phase_name(g->phase);
    const model::TaskState& st = s.tasks[g->example];
    if (g->phase == model::Phase::suspended) out << " awaiting " << awaiting(m, st);
    out << ": ";
    for (std::size_t i = 0; i < g->tasks.size() && i < 12; ++i)
      out << (i ? ", " : "") << m.tasks()[g->tasks[i]].id;
    out << (g->tasks.size() > 12 ? ", ...\n" : "\n");
    for (const std::string& line : g->lines) out << "    " << line << "\n";
  }
  return 0;
}

}  // namespace coscope::inspect
