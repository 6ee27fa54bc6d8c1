// The tasks as a parent/child tree at the cursor time, flattened into rows for a list.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "coscope/model/model.hpp"
#include "task_order.hpp"
#include "view_state.hpp"

namespace coscope::tui {

struct TreeRow {
  TaskIndex task = model::kNoTask;
  std::uint32_t depth = 0;  // 0 for roots
};

struct TaskTree {
  std::vector<TreeRow> rows;
  // Per task: whether it is the last listed child of its parent. With the parent links this
  // gives a row's connectors, so rows need not carry strings (the tree may hold 250k tasks).
  std::vector<char> last;

  // The connectors before a row's name, glyph-independent: per level above the task, 'p' (a
  // parent's line continues) or 's' (blank); then the task's own: 'b' (siblings follow) or
  // 'l' (last child). Empty for roots.
  std::string indent(const model::Model& model, std::size_t row) const;
};

// Tasks spawned by the snapshot, depth first in spawn order. With filters, a task is listed
// when it or any of its descendants passes them (so the path to a match stays visible).
TaskTree task_tree(const model::Model& model, const TaskTexts& texts,
                   const model::Snapshot& snapshot, const ViewState& state);

}  // namespace coscope::tui
