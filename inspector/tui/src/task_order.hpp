// Which tasks the table lists, in which order: the state at the cursor, the filters, the sort.
// Built for hundreds of thousands of tasks: text keys (name, spawn site) are ranked once per
// model, sorts compare integers, and orders by time-independent columns are sorted once and
// then only filtered when the cursor moves.
#pragma once

#include <cstdint>
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

// Per-task text, computed once per model: the spawn site (shared by every task spawned at the
// same place), and the rank of the name and of the site in text order.
class TaskTexts {
 public:
  explicit TaskTexts(const model::Model& model);
  const std::string& site(TaskIndex task) const { return sites_[site_of_[task]]; }
  std::uint32_t name_rank(TaskIndex task) const { return name_rank_[task]; }
  std::uint32_t site_rank(TaskIndex task) const { return site_rank_[site_of_[task]]; }
  // Every task by ascending id: the tie order of every sort.
  const std::vector<TaskIndex>& by_id() const { return by_id_; }

 private:
  std::vector<std::string> sites_;        // unique spawn sites
  std::vector<std::uint32_t> site_of_;    // per task: index into sites_
  std::vector<std::uint32_t> site_rank_;  // per unique site
  std::vector<std::uint32_t> name_rank_;  // per task
  std::vector<TaskIndex> by_id_;
};

// True when `needle` (case-insensitive) occurs in the task's name, id ("#12" or "12"), state,
// spawn site or awaited operation. An empty needle matches everything.
bool matches_text(const model::Model& model, const TaskTexts& texts, TaskIndex task,
                  const model::TaskState& state, std::string_view needle);

// True when the order by `column` does not change with the cursor (only which tasks exist).
bool time_independent(Column column);

// Every task sorted by the view state's column and direction (ties by id: the order is
// total), using the snapshot for time-dependent columns.
std::vector<TaskIndex> sort_tasks(const model::Model& model, const TaskTexts& texts,
                                  const model::Snapshot& snapshot, const ViewState& state);

// The tasks of `sorted` that exist at the snapshot and pass the filters, in order.
std::vector<TaskIndex> filter_tasks(const model::Model& model, const TaskTexts& texts,
                                    const model::Snapshot& snapshot, const ViewState& state,
                                    const std::vector<TaskIndex>& sorted);

}  // namespace coscope::tui
