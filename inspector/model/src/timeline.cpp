// Phase intervals of tasks, from one replay of the events.
#include "coscope/model/model.hpp"
#include "model_data.hpp"
#include "replay.hpp"

namespace coscope::model {

void Model::for_each_event(EventIndex from, EventIndex to,
                           const std::function<void(EventIndex, const Event&)>& f) const {
  data_->events.for_each(from, to, f);
}

namespace {

// Replays events [from, to) for the tasks `wanted` accepts, reporting closed intervals.
template <typename Wanted, typename Sink>
void replay_intervals(const ModelData& d, EventIndex from, EventIndex to, Wanted wanted,
                      Sink sink) {
  std::vector<detail::ReplayTask> replay(d.tasks.size());
  d.events.for_each(from, to, [&](EventIndex, const Event& e) {
    if (e.task == kNoTask || !wanted(e.task)) return;
    detail::ReplayTask& rt = replay[e.task];
    const TaskState before = rt.state;
    const detail::Transition tr =
        detail::apply(rt, e, d.tasks[e.task].status != format::CompletionStatus::ok);
    if (!tr.changed) return;
    if (before.phase != Phase::not_spawned)
      sink(e.task,
           PhaseInterval{before.phase, before.since, e.time, before.thread, before.site, false});
    const Phase now = rt.state.phase;
    if (now == Phase::done || now == Phase::failed)
      sink(e.task, PhaseInterval{now, e.time, e.time, rt.state.thread, rt.state.site, false});
  });
  for (TaskIndex t = 0; t < replay.size(); ++t) {
    const TaskState& s = replay[t].state;
    if (s.phase == Phase::not_spawned || s.phase == Phase::done || s.phase == Phase::failed)
      continue;
    sink(t, PhaseInterval{s.phase, s.since, std::max(s.since, d.end), s.thread, s.site, true});
  }
}

}  // namespace

std::vector<PhaseInterval> Model::task_timeline(TaskIndex task) const {
  std::vector<PhaseInterval> out;
  if (task >= data_->tasks.size() || data_->tasks[task].first_event == kNoEvent) return out;
  const Task& t = data_->tasks[task];
  replay_intervals(
      *data_, t.first_event, t.last_event + 1, [&](TaskIndex x) { return x == task; },
      [&](TaskIndex, const PhaseInterval& i) { out.push_back(i); });
  return out;
}

void Model::for_each_interval(const std::function<void(TaskIndex, const PhaseInterval&)>& f) const {
  replay_intervals(
      *data_, 0, static_cast<EventIndex>(data_->events.size()), [](TaskIndex) { return true; }, f);
}

}  // namespace coscope::model
