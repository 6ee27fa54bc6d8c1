#include "task_tree.hpp"

#include <algorithm>
#include <span>

namespace coscope::tui {

std::string TaskTree::indent(const model::Model& model, std::size_t row) const {
  const TreeRow& r = rows[row];
  std::string out;
  TaskIndex task = r.task;
  for (std::uint32_t level = r.depth; level > 0; --level) {
    const bool is_last = last[task] != 0;
    out += level == r.depth ? (is_last ? 'l' : 'b') : (is_last ? 's' : 'p');
    task = model.tasks()[task].parent;
  }
  std::reverse(out.begin(), out.end());
  return out;
}

TaskTree task_tree(const model::Model& model, const TaskTexts& texts,
                   const model::Snapshot& snapshot, const ViewState& state) {
  const auto& tasks = model.tasks();
  const auto n = static_cast<TaskIndex>(std::min(tasks.size(), snapshot.tasks.size()));
  // Mark the matches, then everything on their way up to a root.
  std::vector<char> shown(n, 0);
  const bool filtering = state.state_filter != StateFilter::all || !state.filter.empty();
  for (TaskIndex i = 0; i < n; ++i) {
    const model::TaskState& s = snapshot.tasks[i];
    if (s.phase == model::Phase::not_spawned) continue;
    if (filtering && !(passes_state_filter(s, state.state_filter) &&
                       matches_text(model, texts, i, s, state.filter)))
      continue;
    for (TaskIndex t = i; t != model::kNoTask && t < n && !shown[t]; t = tasks[t].parent)
      shown[t] = 1;
  }
  TaskTree tree;
  tree.last.assign(n, 0);
  std::vector<TreeRow> stack;
  auto push_children = [&](std::span<const TaskIndex> children, std::uint32_t depth) {
    // Pushed in reverse so that the first child pops first; the first pushed is the last.
    bool last = true;
    for (auto it = children.rbegin(); it != children.rend(); ++it) {
      if (*it >= n || !shown[*it]) continue;
      tree.last[*it] = last;
      stack.push_back({*it, depth});
      last = false;
    }
  };
  push_children(model.roots(), 0);
  while (!stack.empty()) {
    const TreeRow row = stack.back();
    stack.pop_back();
    tree.rows.push_back(row);
    push_children(tasks[row.task].children, row.depth + 1);
  }
  return tree;
}

}  // namespace coscope::tui
