// The UI's window on one Model: the model plus caches of what the views ask for again and
// again (the snapshot at the cursor, the table order, the tree, activity per bucket, a task's
// events). Keys that do not change the inputs of a cache answer from it, which is what keeps
// every key fast on a 10M-event trace.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "coscope/model/model.hpp"
#include "task_order.hpp"
#include "task_tree.hpp"
#include "view_state.hpp"

namespace coscope::tui {

class Session {
 public:
  // Ranks the tasks' texts once (a load-time cost, not a per-key one).
  explicit Session(const model::Model& model) : model_(model), texts_(model) {}

  const model::Model& model() const { return model_; }
  const TaskTexts& texts() const { return texts_; }

  const model::Snapshot& snapshot(Time t);
  // Tasks of the table (order_tasks) for the view state's cursor, filters and sort.
  const std::vector<TaskIndex>& task_order(const ViewState& state);
  const TaskTree& tree(const ViewState& state);
  const std::vector<model::EventIndex>& task_events(TaskIndex task);
  const std::vector<std::size_t>& task_logs(TaskIndex task);

  struct Activity {
    std::vector<double> running;  // mean running tasks per bucket
    std::vector<double> scheduled;
    std::vector<unsigned> findings;  // findings per bucket
  };
  const Activity& activity(Time from, Time to, std::size_t buckets);

  // The async stack of a task at a time (symbolized once).
  const model::AsyncStack& stack(TaskIndex task, Time t);
  // What the detail view shows of a task beyond its figures: percentiles and a histogram of
  // its resume durations (one scan of its events, once per task).
  static constexpr std::size_t kHistogramBins = 8;
  struct Distributions {
    model::TaskDistributions percentiles;
    std::vector<model::HistogramBin> resume_bins;
  };
  const Distributions& distributions(TaskIndex task);

 private:
  struct OrderKey {
    Time time = 0;
    Column sort = Column::id;
    bool descending = false;
    StateFilter state_filter = StateFilter::all;
    std::string filter;
    bool operator==(const OrderKey&) const = default;
  };
  static OrderKey key_of(const ViewState& state, Time snapshot_time);

  const model::Model& model_;
  TaskTexts texts_;
  std::optional<model::Snapshot> snapshot_;
  // Every task in the sort's order; re-sorted on cursor moves only for time-dependent columns.
  struct SortKey {
    Column sort = Column::id;
    bool descending = false;
    Time time = 0;  // 0 for time-independent columns
    bool operator==(const SortKey&) const = default;
  };
  std::optional<SortKey> sorted_key_;
  std::vector<TaskIndex> sorted_;
  std::optional<OrderKey> order_key_;
  std::vector<TaskIndex> order_;
  std::optional<OrderKey> tree_key_;
  TaskTree tree_;
  TaskIndex events_task_ = model::kNoTask;
  std::vector<model::EventIndex> events_;
  TaskIndex logs_task_ = model::kNoTask;
  std::vector<std::size_t> logs_;
  struct ActivityKey {
    Time from = 0, to = 0;
    std::size_t buckets = 0;
    bool operator==(const ActivityKey&) const = default;
  };
  std::optional<std::pair<TaskIndex, Time>> stack_key_;
  model::AsyncStack stack_;
  TaskIndex distributions_task_ = model::kNoTask;
  Distributions distributions_;
  std::optional<ActivityKey> activity_key_;
  Activity activity_;
};

}  // namespace coscope::tui
