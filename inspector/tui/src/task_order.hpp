// Which tasks the table lists, in which order: the state at the cursor, the filters, the sort.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "coscope/model/model.hpp"
#include "view_state.hpp"

namespace coscope::tui {

// "file.cpp:42" for the task's spawn site ("" when unknown). Directories are dropped: the
// column is narrow and the detail view shows the full path.
std::string spawn_site(const model::Model& model, const model::Task& task);

// The task's age at the snapshot: from its spawn to its end or the snapshot, whichever is
// first (0 when not yet spawned).
Time task_total(const model::Task& task, const model::TaskState& state, Time at);

// True when the task passes the state filter at the snapshot (never for not-yet-spawned
// tasks: they do not exist at the cursor time).
bool passes_state_filter(const model::TaskState& state, StateFilter filter);
// True when `needle` (case-insensitive) occurs in the task's name, id ("#12" or "12"), state
// or spawn site. An empty needle matches everything.
bool matches_text(const model::Model& model, TaskIndex task, const model::TaskState& state,
                  std::string_view needle);

// The filtered tasks sorted by `state.sort` (ties by id, so the order is total).
std::vector<TaskIndex> order_tasks(const model::Model& model, const model::Snapshot& snapshot,
                                   const ViewState& state);

}  // namespace coscope::tui
