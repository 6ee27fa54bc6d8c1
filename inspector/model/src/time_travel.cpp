// state_at / state_after: the last keyframe at or before the moment, then a replay of at most
// one keyframe interval of events.
#include <algorithm>

#include "coscope/model/model.hpp"
#include "model_data.hpp"
#include "replay.hpp"

namespace coscope::model {

Snapshot Model::state_after(EventIndex applied) const {
  const ModelData& d = *data_;
  applied = static_cast<EventIndex>(std::min<std::size_t>(applied, d.events.size()));
  auto kf = std::upper_bound(d.keyframes.begin(), d.keyframes.end(), applied,
                             [](EventIndex a, const detail::Keyframe& k) { return a < k.applied; });
  const detail::Keyframe& key = *(kf - 1);  // keyframes[0] is at 0, so kf > begin
  const std::uint64_t entries_end =
      kf == d.keyframes.end() ? d.keyframe_entries.size() : kf->first_entry;

  std::vector<detail::ReplayTask> replay(d.tasks.size());
  for (TaskIndex t = 0; t < d.tasks.size(); ++t)
    if (d.complete_event[t] < key.applied) replay[t].state = d.final_states[t];
  for (std::uint64_t i = key.first_entry; i < entries_end; ++i) {
    const detail::KeyframeEntry& e = d.keyframe_entries[i];
    replay[e.task] = detail::ReplayTask{TaskState{e.phase, e.thread, e.since, e.site}, e.woken};
  }
  d.events.for_each(key.applied, applied, [&](EventIndex, const Event& e) {
    if (e.task != kNoTask)
      detail::apply(replay[e.task], e, (d.tasks[e.task].status != format::CompletionStatus::ok));
  });

  Snapshot s;
  s.applied = applied;
  s.time = applied > 0 ? d.events.time(applied - 1) : d.start;
  s.tasks.resize(d.tasks.size());
  for (TaskIndex t = 0; t < d.tasks.size(); ++t) s.tasks[t] = replay[t].state;
  return s;
}

Snapshot Model::state_at(Time t) const {
  Snapshot s = state_after(events_until(t));
  s.time = t;
  return s;
}

TaskState Model::task_state_at(TaskIndex task, Time t) const {
  if (task >= data_->tasks.size()) return {};
  return state_at(t).tasks[task];
}

}  // namespace coscope::model
