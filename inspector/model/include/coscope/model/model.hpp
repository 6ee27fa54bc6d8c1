// The inspector's model of one trace: tasks, their tree, timelines, threads, findings, logs,
// and time travel (the state of every task at any moment). No terminal code.
//
// A Model is built once by load() (streaming, bounded by the file size) and is then
// read-only, except for a symbol cache: const member functions may be called from one thread
// at a time.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "coscope/format/header.hpp"
#include "coscope/format/reader.hpp"
#include "coscope/format/result.hpp"
#include "coscope/model/event.hpp"
#include "coscope/model/finding.hpp"
#include "coscope/model/histogram.hpp"
#include "coscope/model/source.hpp"
#include "coscope/model/stack.hpp"
#include "coscope/model/state.hpp"
#include "coscope/model/task.hpp"
#include "coscope/model/thread.hpp"
#include "coscope/model/types.hpp"

namespace coscope::model {

// Where addresses get their names.
enum class SymbolSource : std::uint8_t {
  automatic,   // the trace's SymbolDefs when it has any, else the binaries of the module map
  trace_only,  // only SymbolDefs (never open binaries)
  none,        // show raw addresses
};

struct LoadOptions {
  // Called now and then while loading with the bytes read so far and the file size; return
  // false to cancel (load() then fails with "cancelled").
  std::function<bool(std::uint64_t done, std::uint64_t total)> progress;
  // A keyframe of full task state every `keyframe_interval` events (at least; more when many
  // tasks are live) bounds a seek to O(interval + live tasks).
  std::uint32_t keyframe_interval = 4096;
  SymbolSource symbols = SymbolSource::automatic;
};

// Bytes the model holds, per part (for benchmarks and `summary --json`).
struct MemoryUsage {
  std::uint64_t events = 0;
  std::uint64_t keyframes = 0;
  std::uint64_t tasks = 0;
  std::uint64_t other = 0;
  std::uint64_t total() const { return events + keyframes + tasks + other; }
};

struct ModelData;

class Model {
 public:
  Model(Model&&) noexcept;
  Model& operator=(Model&&) noexcept;
  ~Model();

  // Fails only when the file cannot be read as a trace at all (cannot open, not a trace,
  // unsupported version, damaged header). A damaged body still loads: see damage().
  static format::Result<Model> load(const std::string& path, const LoadOptions& options = {});
  // A trace held in memory (the bytes need not outlive the call).
  static format::Result<Model> load_memory(const unsigned char* data, std::size_t size,
                                           const LoadOptions& options = {});

  // ---- The file -------------------------------------------------------------------------
  const std::string& path() const;  // empty for load_memory
  const format::FileHeader& header() const;
  // Stretches of the file that could not be read; everything else was recovered.
  const std::vector<format::Damage>& damage() const;
  std::uint64_t file_size() const;
  std::uint64_t dropped_events() const;  // sum of DroppedEvents counts
  MemoryUsage memory() const;

  // ---- Time -------------------------------------------------------------------------------
  Time start() const;  // first event time (0 when there are no events)
  Time end() const;    // last event time
  // ---- Tasks and threads ----------------------------------------------------------------
  const std::vector<Task>& tasks() const;
  std::optional<TaskIndex> find_task(format::TaskId id) const;
  // Tasks without a parent, in spawn order.
  const std::vector<TaskIndex>& roots() const;
  const std::vector<ThreadInfo>& threads() const;

  // ---- Events ----------------------------------------------------------------------------
  std::size_t event_count() const;
  Event event(EventIndex index) const;
  // One line for an event list: "resume on thread 1234 (io-0)", "suspend: awaits
  // socket.async_receive at server.cpp:42", ...
  std::string describe(const Event& event) const;
  // Index of the first event with time > t (event_count() when none): events [0, i) are
  // those that have happened at t.
  EventIndex events_until(Time t) const;
  // The task's events in time order (scans from its first to its last event).
  std::vector<EventIndex> task_events(TaskIndex task) const;
  // Calls f for events [from, to) in time order; much cheaper per event than event(i).
  void for_each_event(EventIndex from, EventIndex to,
                      const std::function<void(EventIndex, const Event&)>& f) const;

  // ---- Timelines ----------------------------------------------------------------------------
  // The task's life as consecutive phase intervals (scheduled, running, suspended, then
  // done/failed as a zero-length interval at its completion).
  std::vector<PhaseInterval> task_timeline(TaskIndex task) const;
  // Every task's intervals in one pass over the events, each reported when it closes (in
  // order of end time; intervals still open at the end of the trace come last).
  void for_each_interval(const std::function<void(TaskIndex, const PhaseInterval&)>& f) const;

  // ---- Navigation (for a time cursor) -------------------------------------------------------
  std::optional<Time> next_event_time(Time t) const;  // smallest event time > t
  std::optional<Time> prev_event_time(Time t) const;  // largest event time < t
  std::optional<Time> next_task_event_time(TaskIndex task, Time t) const;
  std::optional<Time> prev_task_event_time(TaskIndex task, Time t) const;
  // Index into findings() of the first finding with time > t / the last with time < t.
  std::optional<std::size_t> next_finding(Time t) const;
  std::optional<std::size_t> prev_finding(Time t) const;

  // ---- Time travel -----------------------------------------------------------------------
  // Every task's state once all events with time <= t have happened. O(keyframe interval +
  // tasks).
  Snapshot state_at(Time t) const;
  // Every task's state after the first `applied` events (for stepping event by event).
  Snapshot state_after(EventIndex applied) const;
  // One task's state at t (same cost as state_at).
  TaskState task_state_at(TaskIndex task, Time t) const;
  // The async stack of a task in a given state (await site and frames, awaiters, spawn site
  // and frames, then the parent's as of the spawn, recursively), symbolized.
  AsyncStack async_stack(TaskIndex task, const TaskState& state) const;
  AsyncStack async_stack_at(TaskIndex task, Time t) const;

  // ---- Findings, logs, annotations ------------------------------------------------------
  const std::vector<Finding>& findings() const;  // in time order
  // The sentence the UI and CLI show, e.g.
  // "blocking call to std::this_thread::sleep_for took 50.0 ms on an event-loop thread".
  std::string finding_summary(const Finding& finding) const;
  // The finding's recorded text (exception what(), ...); empty when it has none.
  std::string_view finding_message(const Finding& finding) const;
  std::vector<std::size_t> task_findings(TaskIndex task) const;
  // The finding's own stack (throw site, blocking call, stuck-thread sample) followed by its
  // task's spawn chain.
  AsyncStack finding_stack(const Finding& finding) const;
  const std::vector<LogEntry>& logs() const;  // in time order
  std::vector<std::size_t> task_logs(TaskIndex task) const;
  const std::vector<AnnotationEntry>& annotations() const;

  // ---- Statistics ------------------------------------------------------------------------
  // Mean number of running tasks in each of `buckets` equal buckets of [from, to).
  std::vector<double> activity(Time from, Time to, std::size_t buckets) const;
  // Same for scheduled (runnable, waiting for a thread) tasks: a measure of overload.
  std::vector<double> scheduled_activity(Time from, Time to, std::size_t buckets) const;
  // The task's resume durations / scheduling delays, in time order (for drawing histograms).
  std::vector<Time> resume_durations(TaskIndex task) const;
  std::vector<Time> scheduling_delays(TaskIndex task) const;
  // Percentiles of both (a scan of the task's events).
  TaskDistributions task_distributions(TaskIndex task) const;
  // Over all tasks (log-linear histogram: within 1% of the exact value).
  Percentiles resume_duration_all() const;
  Percentiles scheduling_delay_all() const;

  // ---- Definitions and symbols -----------------------------------------------------------
  std::string_view string(format::StringId id) const;  // "" when unknown
  SourceLocation location(format::LocationId id) const;
  const AwaitSite& site(SiteIndex index) const;  // index 0 is the empty site
  // The frames and awaiters of a stack definition (empty when unknown).
  const format::StackDef& stack(format::StackId id) const;
  // What an address means, innermost inline frame first (cached).
  const Symbol& symbolize(std::uint64_t address) const;
  const std::vector<format::ModuleDef>& modules() const;

 private:
  explicit Model(std::unique_ptr<ModelData> data);
  std::unique_ptr<ModelData> data_;
};

}  // namespace coscope::model
