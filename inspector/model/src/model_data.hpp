// Everything a Model holds. Built by the loader (loader.cpp) and the index builder
// (build_index.cpp); read by the query files.
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "coscope/format/header.hpp"
#include "coscope/format/reader.hpp"
#include "coscope/model/model.hpp"
#include "event_store.hpp"
#include "log_histogram.hpp"
#include "replay.hpp"
#include "symbolizer.hpp"
#include "task_ids.hpp"

namespace coscope::model {

// The operation of a suspension the tracer could not follow (docs/tracer.md): a parallel
// group, an awaited co_spawn, a program's own primitive.
inline constexpr std::string_view kUntrackedOperation = "await.untracked";

namespace detail {

// The state of every task live at a keyframe; tasks not listed are not spawned yet or have
// completed (their final state is in ModelData::final_states).
// 20 bytes: `since` is split so that the entry needs only 4-byte alignment.
struct KeyframeEntry {
  TaskIndex task = 0;
  SiteIndex site = 0;
  std::uint32_t since_low = 0;
  std::uint32_t since_high = 0;
  ThreadIndex thread = kNoThread;
  Phase phase = Phase::not_spawned;
  bool woken = false;

  KeyframeEntry() = default;
  KeyframeEntry(TaskIndex t, const TaskState& s, bool w)
      : task(t),
        site(s.site),
        since_low(static_cast<std::uint32_t>(s.since)),
        since_high(static_cast<std::uint32_t>(s.since >> 32)),
        thread(s.thread),
        phase(s.phase),
        woken(w) {}
  TaskState state() const {
    TaskState s;
    s.since = Time{since_high} << 32 | since_low;
    s.site = site;
    s.thread = thread;
    s.phase = phase;
    return s;
  }
};
static_assert(sizeof(KeyframeEntry) == 20);
struct Keyframe {
  EventIndex applied = 0;         // the state after events [0, applied)
  std::uint64_t first_entry = 0;  // into ModelData::keyframe_entries
};

// Running and scheduled time integrated over fixed buckets of the whole trace, so that
// activity() over wide ranges needs no event scan.
struct ActivityGrid {
  static constexpr std::size_t kBuckets = 4096;
  Time start = 0;
  Time width = 1;               // ns per bucket
  std::vector<double> running;  // task-ns running per bucket
  std::vector<double> scheduled;
  void add(std::vector<double>& grid, Time from, Time to) const;
};

}  // namespace detail

struct ModelData {
  std::string path;
  format::FileHeader header;
  std::vector<format::Damage> damage;
  std::uint64_t file_size = 0;
  std::uint64_t dropped = 0;

  // Definitions (ids as in the trace).
  std::unordered_map<format::StringId, std::string> strings;
  std::deque<std::string> derived_names;  // names the trace does not hold (see loader.cpp)
  std::unordered_map<format::LocationId, format::LocationDef> locations;
  std::unordered_map<format::StackId, format::StackDef> stacks;
  std::vector<format::ModuleDef> modules;
  std::unordered_map<format::ThreadId, format::StringId> thread_names;

  // Await sites, interned; [0] is the empty site.
  std::vector<AwaitSite> sites;

  std::vector<Task> tasks;
  std::vector<TaskIndex> children;  // every task's children, grouped by parent (Task::children)
  detail::TaskIds task_by_id;
  std::vector<TaskIndex> roots;
  // Per task: its state once it completed, and the event index of its completion.
  std::vector<TaskState> final_states;
  std::vector<EventIndex> complete_event;

  std::vector<ThreadInfo> threads;

  detail::EventStore events;
  std::vector<detail::Keyframe> keyframes;
  std::vector<detail::KeyframeEntry> keyframe_entries;

  std::vector<Finding> findings;              // time order
  std::vector<std::string> finding_messages;  // Finding::message indexes these
  std::vector<LogEntry> logs;                 // time order
  std::vector<AnnotationEntry> annotations;   // time order
  detail::ActivityGrid activity;
  detail::LogHistogram resume_durations;
  detail::LogHistogram scheduling_delays;

  std::unique_ptr<detail::Symbolizer> symbolizer;
  Time start = 0;
  Time end = 0;

  std::string_view string(format::StringId id) const {
    auto it = strings.find(id);
    return it == strings.end() ? std::string_view() : std::string_view(it->second);
  }
};

}  // namespace coscope::model
