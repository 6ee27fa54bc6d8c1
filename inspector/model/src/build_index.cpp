#include "build_index.hpp"

#include <algorithm>

#include "coscope/model/format_time.hpp"

namespace coscope::model::detail {
namespace {

constexpr std::uint32_t kNoPos = 0xffffffffu;

// Returns the items v[order[0]], v[order[1]], ... (each index at most once; items not named
// are dropped), rearranged inside v's own storage by following cycles.
template <typename T>
std::vector<T> permute_in_place(std::vector<T> v, const std::vector<std::uint32_t>& order) {
  // dest[i]: where item i goes; dropped items take the places after the kept ones.
  std::vector<std::uint32_t> dest(v.size(), kNoPos);
  for (std::uint32_t pos = 0; pos < order.size(); ++pos) dest[order[pos]] = pos;
  auto spare = static_cast<std::uint32_t>(order.size());
  for (std::uint32_t& d : dest)
    if (d == kNoPos) d = spare++;
  for (std::uint32_t i = 0; i < v.size(); ++i)
    while (dest[i] != i) {
      const std::uint32_t j = dest[i];
      std::swap(v[i], v[j]);
      std::swap(dest[i], dest[j]);
    }
  // No shrink_to_fit: the copy would be resident next to the original, while the unused
  // capacity of a large vector was never touched and costs no RSS.
  v.resize(order.size());
  return v;
}

class Builder {
 public:
  Builder(ModelData& d, Loaded& in, const LoadOptions& options)
      : d_(d), in_(in), interval_(std::max<std::uint32_t>(options.keyframe_interval, 16)) {
    const std::size_t n = d_.tasks.size();
    replay_.resize(n);
    live_pos_.assign(n, kNoPos);
    d_.final_states.resize(n);
    d_.complete_event.assign(n, kNoEvent);
    last_lost_exception_.assign(n, kNoFinding);
    lost_task_.assign(n, false);
    d_.start = in_.staging.size() ? in_.staging.min_time() : 0;
    d_.end = in_.staging.size() ? in_.staging.max_time() : 0;
    auto& grid = d_.activity;
    grid.start = d_.start;
    grid.width = std::max<Time>(1, (d_.end - d_.start) / ActivityGrid::kBuckets + 1);
    grid.running.assign(ActivityGrid::kBuckets, 0.0);
    grid.scheduled.assign(ActivityGrid::kBuckets, 0.0);
  }

  void run() {
    d_.keyframes.push_back(Keyframe{0, 0});
    while (std::optional<StagedEvent> s = in_.staging.pop()) {
      if (d_.events.size() >= kNoEvent - 1) break;  // the index addresses 2^32 - 2 events
      on_event(*s);
      const EventIndex applied = static_cast<EventIndex>(d_.events.size());
      if (applied - d_.keyframes.back().applied >=
          std::max<std::uint64_t>(interval_, 16 * live_.size()))
        keyframe(applied);
    }
    d_.events.finish();
    finish_live_tasks();
    // Into time order without a second copy of each table.
    d_.findings = permute_in_place(std::move(in_.findings), finding_order_);
    d_.logs = permute_in_place(std::move(in_.logs), log_order_);
    d_.annotations = permute_in_place(std::move(in_.annotations), annotation_order_);
    link_children();
    for (const Finding& f : d_.findings)
      if (f.task != kNoTask) ++d_.tasks[f.task].findings;
    d_.keyframes.shrink_to_fit();
    d_.keyframe_entries.shrink_to_fit();
  }

 private:
  void on_event(const StagedEvent& s) {
    const EventIndex index = static_cast<EventIndex>(d_.events.size());
    Event e{s.time, s.kind, s.task, s.thread, s.arg};
    e.arg = detail_of(e);
    if (e.thread < d_.threads.size()) {
      ThreadInfo& th = d_.threads[e.thread];
      if (th.events++ == 0) th.first = e.time;
      th.last = e.time;
    }
    if (e.task != kNoTask) on_task_event(e, index);
    d_.events.push(e.time, e.kind, e.task, e.thread, e.arg);
  }

  // Records the time order of findings, logs and annotations (they are moved into it at the
  // end, in place); returns the event's final arg: the index in that order.
  std::uint32_t detail_of(const Event& e) {
    switch (e.kind) {
      case EventKind::log:
        if (e.arg >= in_.logs.size()) return 0;
        return place(log_order_, e.arg);
      case EventKind::annotation:
        if (e.arg >= in_.annotations.size()) return 0;
        return place(annotation_order_, e.arg);
      case EventKind::complete:
      case EventKind::exception:
      case EventKind::blocking_call:
      case EventKind::slow_resume:
      case EventKind::lost_task:
      case EventKind::dropped_events:
        return e.arg < in_.findings.size() ? add_finding(e.arg, e) : kNoFinding;
      default:
        return e.arg;
    }
  }

  static std::uint32_t place(std::vector<std::uint32_t>& order, std::uint32_t file_index) {
    order.push_back(file_index);
    return static_cast<std::uint32_t>(order.size() - 1);
  }

  std::uint32_t add_finding(std::uint32_t file_index, const Event& e) {
    Finding& f = in_.findings[file_index];
    // A lost exception is reported once per task, whether the throw or the completion says so.
    if (f.kind == FindingKind::lost_exception && f.task != kNoTask &&
        last_lost_exception_[f.task] != kNoFinding)
      return last_lost_exception_[f.task];
    f.time = e.time;
    f.thread = e.thread;
    f.event = static_cast<EventIndex>(d_.events.size());
    const std::uint32_t index = place(finding_order_, file_index);
    if (f.kind == FindingKind::lost_exception && f.task != kNoTask)
      last_lost_exception_[f.task] = index;
    if (f.kind == FindingKind::lost_task && f.task != kNoTask) lost_task_[f.task] = true;
    return index;
  }

  void on_task_event(const Event& e, EventIndex index) {
    Task& task = d_.tasks[e.task];
    ReplayTask& rt = replay_[e.task];
    if (task.first_event == kNoEvent) {
      task.first_event = index;
      if (!in_.has_spawn[e.task]) task.spawned = e.time;
      if (e.kind != EventKind::complete) live_add(e.task);
    }
    task.last_event = index;
    if (e.kind == EventKind::spawn && task.parent != kNoTask)
      task.parent_site_at_spawn = replay_[task.parent].state.site;
    const ThreadIndex thread_before = rt.state.thread;
    const Transition tr = apply(rt, e, task.status != format::CompletionStatus::ok);
    if (tr.changed) account(task, e, tr, rt.state.phase, thread_before);
    if (e.kind == EventKind::resume) {
      ++task.figures.resumes;
      if (e.thread < d_.threads.size()) ++d_.threads[e.thread].resumes;
      if (!task.figures.first_resume_delay)
        task.figures.first_resume_delay = e.time - std::min(e.time, task.spawned);
    } else if (e.kind == EventKind::wake) {
      ++task.figures.wakes;
    }
    if (tr.changed && (rt.state.phase == Phase::done || rt.state.phase == Phase::failed) &&
        d_.complete_event[e.task] == kNoEvent) {
      d_.complete_event[e.task] = index;
      d_.final_states[e.task] = rt.state;
      task.ended = e.time;
      live_remove(e.task);
    }
  }

  // Time spent in the phase just left, into the task's, thread's and global figures.
  // `sample`: the phase ended for real (not cut by the end of the trace), so it is a
  // resume duration or scheduling delay sample.
  void account(Task& task, const Event& e, const Transition& tr, Phase to, ThreadIndex thread,
               bool sample = true) {
    const Time since = std::min(tr.from_since, e.time);
    const Time spent = e.time - since;
    switch (tr.from) {
      case Phase::running: {
        task.figures.busy += spent;
        if (sample) d_.resume_durations.add(spent);
        if (thread < d_.threads.size()) d_.threads[thread].busy += spent;
        d_.activity.add(d_.activity.running, since, e.time);
        break;
      }
      case Phase::scheduled:
        task.figures.scheduled += spent;
        if (sample && to == Phase::running) d_.scheduling_delays.add(spent);
        d_.activity.add(d_.activity.scheduled, since, e.time);
        break;
      case Phase::suspended:
        task.figures.idle += spent;
        break;
      default:
        break;
    }
  }

  // Suspended on something the tracer could not follow (docs/tracer.md: a primitive of the
  // program's own that keeps the handler, or completes it inline): the task may have ended
  // through no hook, so its end being missing says nothing.
  bool untracked_wait(const TaskState& s) const {
    return s.phase == Phase::suspended && s.site < d_.sites.size() &&
           d_.sites[s.site].operation == kUntrackedOperation;
  }

  // Tasks still live at the end: their current phase lasts until the end of the trace; a
  // task that never completed (and was not reported lost) is a finding.
  void finish_live_tasks() {
    for (TaskIndex t : live_) {
      Task& task = d_.tasks[t];
      const TaskState& s = replay_[t].state;
      Event end{d_.end, EventKind::annotation, t, kNoThread, 0};
      account(task, end, Transition{true, s.phase, s.since}, s.phase, s.thread, false);
      if (lost_task_[t] || untracked_wait(s)) continue;
      std::string text = "the task never completed: at the end of the trace it was " +
                         std::string(phase_name(s.phase));
      if (s.phase == Phase::suspended && s.site < d_.sites.size() &&
          !d_.sites[s.site].operation.empty())
        text += " awaiting " + std::string(d_.sites[s.site].operation);
      text += " (since " + format_time(s.since) + ")";
      Finding f;
      f.kind = FindingKind::never_completed;
      f.time = d_.end;
      f.task = t;
      f.thread = s.thread;
      f.message = static_cast<std::uint32_t>(d_.finding_messages.size());
      d_.finding_messages.push_back(std::move(text));
      in_.findings.push_back(f);
      place(finding_order_, static_cast<std::uint32_t>(in_.findings.size() - 1));
    }
  }

  // Children in one array grouped by parent (counting sort, in task order = spawn order):
  // no allocation per task.
  void link_children() {
    const std::size_t n = d_.tasks.size();
    std::vector<std::uint32_t> start(n + 1, 0);
    for (TaskIndex t = 0; t < n; ++t) {
      const TaskIndex p = d_.tasks[t].parent;
      if (p == kNoTask)
        d_.roots.push_back(t);
      else
        ++start[p + 1];
    }
    for (std::size_t i = 0; i < n; ++i) start[i + 1] += start[i];
    d_.children.resize(start[n]);
    std::vector<std::uint32_t> next(start.begin(), start.end() - 1);
    for (TaskIndex t = 0; t < n; ++t)
      if (const TaskIndex p = d_.tasks[t].parent; p != kNoTask) d_.children[next[p]++] = t;
    for (TaskIndex t = 0; t < n; ++t)
      d_.tasks[t].children =
          std::span<const TaskIndex>(d_.children.data() + start[t], start[t + 1] - start[t]);
  }

  void keyframe(EventIndex applied) {
    d_.keyframes.push_back(Keyframe{applied, d_.keyframe_entries.size()});
    for (TaskIndex t : live_) {
      const ReplayTask& r = replay_[t];
      d_.keyframe_entries.push_back(KeyframeEntry(t, r.state, r.woken));
    }
  }

  void live_add(TaskIndex t) {
    live_pos_[t] = static_cast<std::uint32_t>(live_.size());
    live_.push_back(t);
  }
  void live_remove(TaskIndex t) {
    const std::uint32_t pos = live_pos_[t];
    if (pos == kNoPos) return;
    live_[pos] = live_.back();
    live_pos_[live_[pos]] = pos;
    live_.pop_back();
    live_pos_[t] = kNoPos;
  }

  ModelData& d_;
  Loaded& in_;
  std::uint32_t interval_;
  std::vector<ReplayTask> replay_;
  std::vector<TaskIndex> live_;  // spawned (or seen) and not completed
  std::vector<std::uint32_t> live_pos_;
  std::vector<std::uint32_t> last_lost_exception_;
  std::vector<bool> lost_task_;
  // Time order -> index in the file-order tables of Loaded.
  std::vector<std::uint32_t> finding_order_;
  std::vector<std::uint32_t> log_order_;
  std::vector<std::uint32_t> annotation_order_;
};

}  // namespace

void ActivityGrid::add(std::vector<double>& grid, Time from, Time to) const {
  if (to <= from || grid.empty()) return;
  from = std::max(from, start);
  std::size_t b = static_cast<std::size_t>((from - start) / width);
  while (from < to && b < grid.size()) {
    const Time bucket_end = start + (b + 1) * width;
    const Time until = std::min(to, bucket_end);
    grid[b] += double(until - from);
    from = until;
    ++b;
  }
}

void build_index(ModelData& data, Loaded& loaded, const LoadOptions& options) {
  Builder(data, loaded, options).run();
}

}  // namespace coscope::model::detail
