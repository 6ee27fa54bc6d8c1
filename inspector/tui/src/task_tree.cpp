#include "task_tree.hpp"

#include "task_order.hpp"

namespace coscope::tui {

std::vector<TreeRow> task_tree(const model::Model& model, const model::Snapshot& snapshot,
                               const ViewState& state) {
  const auto& tasks = model.tasks();
  const std::size_t n = std::min(tasks.size(), snapshot.tasks.size());
  // Children are spawned after their parents, so a reverse pass over spawn order would not
  // do: indexes are not spawn order. Mark matches, then propagate up along parents.
  std::vector<char> shown(n, 0);
  const bool filtering = state.state_filter != StateFilter::all || !state.filter.empty();
  for (TaskIndex i = 0; i < n; ++i) {
    const model::TaskState& s = snapshot.tasks[i];
    if (s.phase == model::Phase::not_spawned) continue;
    if (filtering &&
        !(passes_state_filter(s, state.state_filter) && matches_text(model, i, s, state.filter)))
      continue;
    for (TaskIndex t = i; t != model::kNoTask && t < n && !shown[t]; t = tasks[t].parent)
      shown[t] = 1;
  }
  std::vector<TreeRow> rows;
  struct Frame {
    TaskIndex task;
    std::string indent;
  };
  std::vector<Frame> stack;
  auto push_children = [&](const std::vector<TaskIndex>& children, const std::string& prefix) {
    // Pushed in reverse so the first child pops first; the last visible child gets 'l'.
    bool last = true;
    for (auto it = children.rbegin(); it != children.rend(); ++it) {
      if (*it >= n || !shown[*it]) continue;
      stack.push_back({*it, prefix + (last ? 'l' : 'b')});
      last = false;
    }
  };
  push_children(model.roots(), "");
  // Roots are not drawn with connectors.
  for (Frame& frame : stack) frame.indent.clear();
  while (!stack.empty()) {
    Frame frame = std::move(stack.back());
    stack.pop_back();
    std::string prefix = frame.indent;
    if (!prefix.empty()) prefix.back() = prefix.back() == 'l' ? 's' : 'p';
    const TaskIndex task = frame.task;
    rows.push_back({task, std::move(frame.indent)});
    push_children(tasks[task].children, prefix);
  }
  return rows;
}

}  // namespace coscope::tui
