#include "task_order.hpp"

#include <algorithm>
#include <cctype>
#include <tuple>

namespace coscope::tui {
namespace {

bool contains_folded(std::string_view haystack, std::string_view needle) {
  auto it = std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(),
                        [](char a, char b) {
                          return std::tolower(static_cast<unsigned char>(a)) ==
                                 std::tolower(static_cast<unsigned char>(b));
                        });
  return it != haystack.end();
}

}  // namespace

std::string spawn_site(const model::Model& model, const model::Task& task) {
  const model::SourceLocation where = model.location(task.spawn_location);
  if (where.file.empty()) return std::string(where.function);
  std::string_view file = where.file;
  if (auto slash = file.rfind('/'); slash != std::string_view::npos) file.remove_prefix(slash + 1);
  std::string out(file);
  if (where.line != 0) out += ":" + std::to_string(where.line);
  return out;
}

Time task_total(const model::Task& task, const model::TaskState& state, Time at) {
  if (state.phase == model::Phase::not_spawned || at < task.spawned) return 0;
  const Time end = task.ended && *task.ended < at ? *task.ended : at;
  return end - task.spawned;
}

bool passes_state_filter(const model::TaskState& state, StateFilter filter) {
  using model::Phase;
  if (state.phase == Phase::not_spawned) return false;
  switch (filter) {
    case StateFilter::all:
      return true;
    case StateFilter::live:
      return state.phase != Phase::done && state.phase != Phase::failed;
    case StateFilter::running:
      return state.phase == Phase::running;
    case StateFilter::scheduled:
      return state.phase == Phase::scheduled;
    case StateFilter::suspended:
      return state.phase == Phase::suspended;
    case StateFilter::done:
      return state.phase == Phase::done;
    case StateFilter::failed:
      return state.phase == Phase::failed;
  }
  return true;
}

bool matches_text(const model::Model& model, TaskIndex index, const model::TaskState& state,
                  std::string_view needle) {
  if (needle.empty()) return true;
  const model::Task& task = model.tasks()[index];
  if (contains_folded(task.name, needle)) return true;
  if (contains_folded("#" + std::to_string(task.id), needle)) return true;
  if (contains_folded(model::phase_name(state.phase), needle)) return true;
  if (contains_folded(spawn_site(model, task), needle)) return true;
  if (state.site != 0 && contains_folded(model.site(state.site).operation, needle)) return true;
  return false;
}

std::vector<TaskIndex> order_tasks(const model::Model& model, const model::Snapshot& snapshot,
                                   const ViewState& state) {
  const auto& tasks = model.tasks();
  std::vector<TaskIndex> out;
  out.reserve(tasks.size());
  for (TaskIndex i = 0; i < tasks.size() && i < snapshot.tasks.size(); ++i) {
    const model::TaskState& s = snapshot.tasks[i];
    if (passes_state_filter(s, state.state_filter) && matches_text(model, i, s, state.filter))
      out.push_back(i);
  }
  // Spawn sites are compared as text; computing them once keeps the sort O(n log n) cheap.
  std::vector<std::string> sites;
  if (state.sort == Column::spawned_at) {
    sites.resize(tasks.size());
    for (TaskIndex i : out) sites[i] = spawn_site(model, tasks[i]);
  }
  auto key_less = [&](TaskIndex a, TaskIndex b) -> bool {
    const model::Task& ta = tasks[a];
    const model::Task& tb = tasks[b];
    const model::TaskFigures& fa = ta.figures;
    const model::TaskFigures& fb = tb.figures;
    switch (state.sort) {
      case Column::warn:
        return ta.findings < tb.findings;
      case Column::id:
        return false;
      case Column::name:
        return ta.name < tb.name;
      case Column::state:
        return snapshot.tasks[a].phase < snapshot.tasks[b].phase;
      case Column::total:
        return task_total(ta, snapshot.tasks[a], snapshot.time) <
               task_total(tb, snapshot.tasks[b], snapshot.time);
      case Column::busy:
        return fa.busy < fb.busy;
      case Column::sched:
        return fa.scheduled < fb.scheduled;
      case Column::idle:
        return fa.idle < fb.idle;
      case Column::resumes:
        return fa.resumes < fb.resumes;
      case Column::spawned_at:
        return sites[a] < sites[b];
    }
    return false;
  };
  auto less = [&](TaskIndex a, TaskIndex b) {
    if (key_less(a, b)) return true;
    if (key_less(b, a)) return false;
    return tasks[a].id < tasks[b].id;
  };
  if (state.descending)
    std::sort(out.begin(), out.end(), [&](TaskIndex a, TaskIndex b) { return less(b, a); });
  else
    std::sort(out.begin(), out.end(), less);
  return out;
}

}  // namespace coscope::tui
