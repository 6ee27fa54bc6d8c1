#include "session.hpp"

#include <algorithm>

#include "task_order.hpp"

namespace coscope::tui {

const model::Snapshot& Session::snapshot(Time t) {
  if (!snapshot_ || snapshot_->time != t) snapshot_ = model_.state_at(t);
  return *snapshot_;
}

Session::OrderKey Session::key_of(const ViewState& state, Time snapshot_time) {
  return {snapshot_time, state.sort, state.descending, state.state_filter, state.filter};
}

const std::vector<TaskIndex>& Session::task_order(const ViewState& state) {
  const model::Snapshot& snap = snapshot(state.cursor);
  OrderKey key = key_of(state, snap.time);
  if (!order_key_ || !(*order_key_ == key)) {
    const SortKey sort{state.sort, state.descending, time_independent(state.sort) ? 0 : snap.time};
    if (!sorted_key_ || !(*sorted_key_ == sort)) {
      sorted_ = sort_tasks(model_, texts_, snap, state);
      sorted_key_ = sort;
    }
    order_ = filter_tasks(model_, texts_, snap, state, sorted_);
    order_key_ = std::move(key);
  }
  return order_;
}

const TaskTree& Session::tree(const ViewState& state) {
  const model::Snapshot& snap = snapshot(state.cursor);
  // The sort does not change the tree: leave it out of the key.
  OrderKey key = key_of(state, snap.time);
  key.sort = Column::id;
  key.descending = false;
  if (!tree_key_ || !(*tree_key_ == key)) {
    tree_ = task_tree(model_, texts_, snap, state);
    tree_key_ = std::move(key);
  }
  return tree_;
}

const std::vector<model::EventIndex>& Session::task_events(TaskIndex task) {
  if (task != events_task_) {
    events_ =
        task < model_.tasks().size() ? model_.task_events(task) : std::vector<model::EventIndex>{};
    events_task_ = task;
  }
  return events_;
}

const std::vector<std::size_t>& Session::task_logs(TaskIndex task) {
  if (task != logs_task_) {
    logs_ = task < model_.tasks().size() ? model_.task_logs(task) : std::vector<std::size_t>{};
    logs_task_ = task;
  }
  return logs_;
}

const model::AsyncStack& Session::stack(TaskIndex task, Time t) {
  const std::pair<TaskIndex, Time> key{task, t};
  if (stack_key_ != key) {
    stack_ = task < model_.tasks().size() ? model_.async_stack_at(task, t) : model::AsyncStack{};
    stack_key_ = key;
  }
  return stack_;
}

const Session::Distributions& Session::distributions(TaskIndex task) {
  if (task != distributions_task_ && task < model_.tasks().size()) {
    distributions_.percentiles = model_.task_distributions(task);
    const std::vector<Time> durations = model_.resume_durations(task);
    // Fewer bins than values would leave most of them empty.
    distributions_.resume_bins = model::log_histogram(
        durations, std::clamp<std::size_t>(durations.size(), 1, kHistogramBins));
    distributions_task_ = task;
  }
  return distributions_;
}

const Session::Activity& Session::activity(Time from, Time to, std::size_t buckets) {
  ActivityKey key{from, to, buckets};
  if (activity_key_ && *activity_key_ == key) return activity_;
  activity_key_ = key;
  activity_.running = model_.activity(from, to, buckets);
  activity_.scheduled = model_.scheduled_activity(from, to, buckets);
  activity_.findings.assign(buckets, 0);
  const Time span = to > from ? to - from : 1;
  for (const model::Finding& finding : model_.findings()) {
    if (finding.time < from || finding.time > to || buckets == 0) continue;
    const auto bucket =
        static_cast<std::size_t>(static_cast<long double>(finding.time - from) * buckets / span);
    ++activity_.findings[std::min(bucket, buckets - 1)];
  }
  return activity_;
}

}  // namespace coscope::tui
