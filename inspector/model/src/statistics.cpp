// Activity over time and distributions of resume durations and scheduling delays.
#include <algorithm>
#include <cmath>

#include "coscope/model/model.hpp"
#include "model_data.hpp"
#include "replay.hpp"

namespace coscope::model {
namespace {

// Mean count of tasks in `phase` per bucket, from the precomputed grid (wide buckets).
std::vector<double> from_grid(const detail::ActivityGrid& grid, const std::vector<double>& cells,
                              Time from, Time to, std::size_t buckets) {
  std::vector<double> out(buckets, 0.0);
  const double width = double(to - from) / double(buckets);
  for (std::size_t c = 0; c < cells.size(); ++c) {
    if (cells[c] == 0) continue;
    const Time cell_lo = grid.start + c * grid.width, cell_hi = cell_lo + grid.width;
    if (cell_hi <= from || cell_lo >= to) continue;
    // Spread the cell's task-time over the output buckets it overlaps, pro rata.
    const double density = cells[c] / double(grid.width);
    const Time lo = std::max(cell_lo, from), hi = std::min(cell_hi, to);
    std::size_t b = static_cast<std::size_t>(double(lo - from) / width);
    for (double x = double(lo - from); x < double(hi - from) && b < buckets; ++b) {
      const double edge = std::min(double(hi - from), double(b + 1) * width);
      out[b] += density * (edge - x);
      x = edge;
    }
  }
  for (double& v : out) v /= width;
  return out;
}

}  // namespace

// Narrow buckets (finer than the grid) are integrated exactly from a replay of the range.
static std::vector<double> exact_activity(const Model& m, const ModelData& d, Phase phase,
                                          Time from, Time to, std::size_t buckets) {
  std::vector<double> out(buckets, 0.0);
  const double width = double(to - from) / double(buckets);
  Snapshot s = m.state_at(from);
  std::vector<detail::ReplayTask> replay(s.tasks.size());
  std::size_t count = 0;
  for (std::size_t t = 0; t < s.tasks.size(); ++t) {
    replay[t].state = s.tasks[t];
    count += s.tasks[t].phase == phase;
  }
  // Note: `woken` flags are not in a Snapshot; a resume end right after `from` may then say
  // suspended instead of scheduled, which only shifts time between those two phases.
  Time at = from;
  auto advance = [&](Time until) {
    while (at < until) {
      const auto b = std::min(buckets - 1, static_cast<std::size_t>(double(at - from) / width));
      const Time bucket_end =
          b + 1 == buckets ? until : from + static_cast<Time>(std::ceil(double(b + 1) * width));
      const Time edge = std::min(until, std::max(at + 1, bucket_end));
      out[b] += double(count) * double(edge - at);
      at = edge;
    }
  };
  d.events.for_each(m.events_until(from), m.events_until(to), [&](EventIndex, const Event& e) {
    if (e.task == kNoTask) return;
    advance(e.time);
    const Phase before = replay[e.task].state.phase;
    detail::apply(replay[e.task], e, (d.tasks[e.task].status != format::CompletionStatus::ok));
    const Phase after = replay[e.task].state.phase;
    count += (after == phase) - (before == phase);
  });
  advance(to);
  for (double& v : out) v /= width;
  return out;
}

std::vector<double> Model::activity(Time from, Time to, std::size_t buckets) const {
  if (buckets == 0 || to <= from) return std::vector<double>(buckets, 0.0);
  if ((to - from) / buckets >= data_->activity.width)
    return from_grid(data_->activity, data_->activity.running, from, to, buckets);
  return exact_activity(*this, *data_, Phase::running, from, to, buckets);
}

std::vector<double> Model::scheduled_activity(Time from, Time to, std::size_t buckets) const {
  if (buckets == 0 || to <= from) return std::vector<double>(buckets, 0.0);
  if ((to - from) / buckets >= data_->activity.width)
    return from_grid(data_->activity, data_->activity.scheduled, from, to, buckets);
  return exact_activity(*this, *data_, Phase::scheduled, from, to, buckets);
}

// Replays one task's events from its start: resume durations and scheduling delays.
static void task_samples(const Model& m, TaskIndex task, std::vector<Time>* durations,
                         std::vector<Time>* delays) {
  if (task >= m.tasks().size()) return;
  const bool failed = m.tasks()[task].status != format::CompletionStatus::ok;
  detail::ReplayTask rt;
  for (EventIndex i : m.task_events(task)) {
    const Event e = m.event(i);
    const detail::Transition tr = detail::apply(rt, e, failed);
    if (!tr.changed) continue;
    const Time spent = e.time - std::min(e.time, tr.from_since);
    if (tr.from == Phase::running && durations) durations->push_back(spent);
    if (tr.from == Phase::scheduled && rt.state.phase == Phase::running && delays)
      delays->push_back(spent);
  }
}

std::vector<Time> Model::resume_durations(TaskIndex task) const {
  std::vector<Time> out;
  task_samples(*this, task, &out, nullptr);
  return out;
}

std::vector<Time> Model::scheduling_delays(TaskIndex task) const {
  std::vector<Time> out;
  task_samples(*this, task, nullptr, &out);
  return out;
}

TaskDistributions Model::task_distributions(TaskIndex task) const {
  std::vector<Time> durations, delays;
  task_samples(*this, task, &durations, &delays);
  return TaskDistributions{percentiles(durations), percentiles(delays)};
}

Percentiles Model::resume_duration_all() const {
  return data_->resume_durations.percentiles();
}
Percentiles Model::scheduling_delay_all() const {
  return data_->scheduling_delays.percentiles();
}

}  // namespace coscope::model
