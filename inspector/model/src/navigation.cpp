// Moving a time cursor: next/previous event (global or of one task), next/previous finding,
// and a task's own events.
#include <algorithm>

#include "coscope/model/model.hpp"
#include "model_data.hpp"

namespace coscope::model {

std::optional<Time> Model::next_event_time(Time t) const {
  const EventIndex i = events_until(t);
  if (i >= data_->events.size()) return std::nullopt;
  return data_->events.time(i);
}

std::optional<Time> Model::prev_event_time(Time t) const {
  if (t == 0) return std::nullopt;
  const EventIndex i = events_until(t - 1);  // events [0, i) have time < t
  if (i == 0) return std::nullopt;
  return data_->events.time(i - 1);
}

std::optional<Time> Model::next_task_event_time(TaskIndex task, Time t) const {
  if (task >= data_->tasks.size()) return std::nullopt;
  const Task& k = data_->tasks[task];
  if (k.last_event == kNoEvent) return std::nullopt;
  for (EventIndex i = std::max(events_until(t), k.first_event); i <= k.last_event; ++i)
    if (data_->events.task(i) == task) return data_->events.time(i);
  return std::nullopt;
}

std::optional<Time> Model::prev_task_event_time(TaskIndex task, Time t) const {
  if (task >= data_->tasks.size() || t == 0) return std::nullopt;
  const Task& k = data_->tasks[task];
  if (k.first_event == kNoEvent) return std::nullopt;
  EventIndex i = std::min<EventIndex>(events_until(t - 1), k.last_event + 1);
  while (i > k.first_event) {
    --i;
    if (data_->events.task(i) == task) return data_->events.time(i);
  }
  return std::nullopt;
}

std::vector<EventIndex> Model::task_events(TaskIndex task) const {
  std::vector<EventIndex> out;
  if (task >= data_->tasks.size()) return out;
  const Task& k = data_->tasks[task];
  if (k.first_event == kNoEvent) return out;
  for (EventIndex i = k.first_event; i <= k.last_event; ++i)
    if (data_->events.task(i) == task) out.push_back(i);
  return out;
}

std::optional<std::size_t> Model::next_finding(Time t) const {
  const auto& f = data_->findings;
  auto it =
      std::upper_bound(f.begin(), f.end(), t, [](Time v, const Finding& x) { return v < x.time; });
  if (it == f.end()) return std::nullopt;
  return static_cast<std::size_t>(it - f.begin());
}

std::optional<std::size_t> Model::prev_finding(Time t) const {
  const auto& f = data_->findings;
  auto it =
      std::lower_bound(f.begin(), f.end(), t, [](const Finding& x, Time v) { return x.time < v; });
  if (it == f.begin()) return std::nullopt;
  return static_cast<std::size_t>(it - f.begin()) - 1;
}

std::vector<std::size_t> Model::task_findings(TaskIndex task) const {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < data_->findings.size(); ++i)
    if (data_->findings[i].task == task) out.push_back(i);
  return out;
}

std::vector<std::size_t> Model::task_logs(TaskIndex task) const {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < data_->logs.size(); ++i)
    if (data_->logs[i].task == task) out.push_back(i);
  return out;
}

}  // namespace coscope::model
