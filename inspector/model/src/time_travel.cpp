// state_at / state_after: the last keyframe at or before the moment, then a replay of at most
// one keyframe interval of events.
#include <algorithm>

#include "coscope/model/model.hpp"
#include "model_data.hpp"
#include "replay.hpp"

namespace coscope::model {

namespace {

struct KeyRange {
  const detail::Keyframe* key;
  std::uint64_t entries_end;  // key's entries are [key->first_entry, entries_end)
};

// The last keyframe at or before `applied` events.
KeyRange keyframe_before(const ModelData& d, EventIndex applied) {
  auto kf = std::upper_bound(d.keyframes.begin(), d.keyframes.end(), applied,
                             [](EventIndex a, const detail::Keyframe& k) { return a < k.applied; });
  // keyframes[0] is at 0, so kf > begin.
  return {&*(kf - 1), kf == d.keyframes.end() ? d.keyframe_entries.size() : kf->first_entry};
}

bool failed(const ModelData& d, TaskIndex t) {
  return d.tasks[t].status != format::CompletionStatus::ok;
}

}  // namespace

Snapshot Model::state_after(EventIndex applied) const {
  const ModelData& d = *data_;
  applied = static_cast<EventIndex>(std::min<std::size_t>(applied, d.events.size()));
  const KeyRange k = keyframe_before(d, applied);
  const EventIndex key = k.key->applied;

  // Straight into the snapshot: completed tasks from their final state, live ones from the
  // keyframe, then the events since the keyframe. Only `woken` needs a side table.
  Snapshot s;
  s.applied = applied;
  s.time = applied > 0 ? d.events.time(applied - 1) : d.start;
  const std::size_t n = d.tasks.size();
  s.tasks.resize(n);
  for (TaskIndex t = 0; t < n; ++t)
    if (d.complete_event[t] < key) s.tasks[t] = d.final_states[t];
  std::vector<bool> woken(n, false);
  for (std::uint64_t i = k.key->first_entry; i < k.entries_end; ++i) {
    const detail::KeyframeEntry& e = d.keyframe_entries[i];
    s.tasks[e.task] = e.state();
    woken[e.task] = e.woken;
  }
  d.events.for_each(key, applied, [&](EventIndex, const Event& e) {
    if (e.task == kNoTask) return;
    detail::ReplayTask r{s.tasks[e.task], woken[e.task]};
    detail::apply(r, e, failed(d, e.task));
    s.tasks[e.task] = r.state;
    woken[e.task] = r.woken;
  });
  return s;
}

Snapshot Model::state_at(Time t) const {
  Snapshot s = state_after(events_until(t));
  s.time = t;
  return s;
}

TaskState Model::task_state_at(TaskIndex task, Time t) const {
  const ModelData& d = *data_;
  if (task >= d.tasks.size()) return {};
  // One task's path: its keyframe entry (or final state), then its events since.
  const EventIndex applied = events_until(t);
  const KeyRange k = keyframe_before(d, applied);
  const EventIndex key = k.key->applied;
  if (d.complete_event[task] < key) return d.final_states[task];
  detail::ReplayTask r;
  for (std::uint64_t i = k.key->first_entry; i < k.entries_end; ++i) {
    const detail::KeyframeEntry& e = d.keyframe_entries[i];
    if (e.task != task) continue;
    r = detail::ReplayTask{e.state(), e.woken};
    break;
  }
  const Task& info = d.tasks[task];
  if (info.first_event == kNoEvent) return r.state;
  const EventIndex from = std::max(key, info.first_event);
  const EventIndex to = std::min<EventIndex>(applied, info.last_event + 1);
  if (from < to)
    d.events.for_each(from, to, [&](EventIndex, const Event& e) {
      if (e.task == task) detail::apply(r, e, failed(d, task));
    });
  return r.state;
}

}  // namespace coscope::model
