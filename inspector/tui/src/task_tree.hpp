// The tasks as a parent/child tree at the cursor time, flattened into rows for a list.
#pragma once

#include <string>
#include <vector>

#include "coscope/model/model.hpp"
#include "view_state.hpp"

namespace coscope::tui {

struct TreeRow {
  TaskIndex task = model::kNoTask;
  // One letter per level above the task, glyph-independent: 'p' a parent's line continues,
  // 's' blank; then the task's own connector: 'b' branch (siblings follow), 'l' last child.
  // Empty for roots.
  std::string indent;
};

// Tasks spawned by the snapshot, depth first in spawn order. With filters, a task is listed
// when it or any of its descendants passes them (so the path to a match stays visible).
std::vector<TreeRow> task_tree(const model::Model& model, const model::Snapshot& snapshot,
                               const ViewState& state);

}  // namespace coscope::tui
