#include "loader.hpp"

#include <type_traits>

namespace coscope::model::detail {
namespace {

struct SiteKey {
  format::StringId operation;
  format::LocationId location;
  format::StackId stack;
  bool operator==(const SiteKey&) const = default;
};
struct SiteKeyHash {
  std::size_t operator()(const SiteKey& k) const {
    return std::hash<std::uint64_t>()((std::uint64_t(k.operation) << 32 | k.location) * 31 +
                                      k.stack);
  }
};

class Reader {
 public:
  Reader(ModelData& data, Loaded& out) : d_(data), out_(out) {
    d_.sites.push_back(AwaitSite{});  // site 0: none
  }

  void add(format::Record& record) {
    std::visit([this](auto& r) { on(r); }, record);
  }

  void finish() {
    for (auto& [id, name] : d_.thread_names) {
      auto it = thread_index_.find(id);
      if (it != thread_index_.end()) d_.threads[it->second].name = d_.string(name);
    }
    name_after_operations();
  }

 private:
  // ---- Definitions: first definition of an id wins (string_views point into them) ----
  void on(format::StringDef& r) { d_.strings.emplace(r.id, std::move(r.text)); }
  void on(format::LocationDef& r) { d_.locations.emplace(r.id, r); }
  void on(format::StackDef& r) { d_.stacks.emplace(r.id, std::move(r)); }
  void on(format::ModuleDef& r) { d_.modules.push_back(std::move(r)); }
  void on(format::SymbolDef& r) { symbol_defs.push_back(std::move(r)); }
  void on(format::ThreadDef& r) { d_.thread_names[r.thread] = r.name; }

  // ---- Task life ----
  void on(const format::TaskSpawn& r) {
    const TaskIndex t = task(r.task);
    if (t == kNoTask) return;
    Task& task = d_.tasks[t];
    task.name = d_.string(r.name);
    task.spawned = r.time;
    task.spawn_thread = thread(r.thread);
    task.spawn_location = r.location;
    task.spawn_stack = r.stack;
    out_.has_spawn[t] = true;
    out_.parent_ids[t] = r.parent;
    stage(r, EventKind::spawn, t, 0);
  }
  void on(const format::TaskWake& r) { stage(r, EventKind::wake, task(r.task), 0); }
  void on(const format::TaskResume& r) { stage(r, EventKind::resume, task(r.task), 0); }
  void on(const format::ResumeEnd& r) { stage(r, EventKind::resume_end, task(r.task), 0); }
  void on(const format::TaskSuspend& r) {
    const TaskIndex t = task(r.task);
    if (t != kNoTask) {
      if (first_operation_.size() <= t) first_operation_.resize(t + 1, 0);
      if (first_operation_[t] == 0 && !entry_point_post(r.location))
        first_operation_[t] = r.operation;
    }
    stage(r, EventKind::suspend, t, site(r.operation, r.location, r.stack));
  }
  void on(format::TaskComplete& r) {
    const TaskIndex t = task(r.task);
    std::uint32_t detail = kNoDetail;
    if (t != kNoTask) {
      Task& task = d_.tasks[t];
      task.status = r.status;
      task.exception_type = d_.string(r.exception_type);
      task.message = r.message;
    }
    if (r.status != format::CompletionStatus::ok) {
      Finding f;
      f.kind = r.status == format::CompletionStatus::lost_exception ? FindingKind::lost_exception
               : r.status == format::CompletionStatus::cancelled    ? FindingKind::cancelled
                                                                    : FindingKind::task_failed;
      f.task = t;
      f.what = d_.string(r.exception_type);
      f.message = message(std::move(r.message));
      detail = finding(f);
    }
    stage(r, EventKind::complete, t, detail);
  }
  void on(const format::HandlerDestroyed& r) {
    stage(r, EventKind::handler_destroyed, task(r.task), site(r.operation, 0, 0));
  }

  // ---- Findings and annotations ----
  void on(format::ExceptionThrown& r) {
    Finding f;
    f.kind = r.fate == format::ExceptionFate::lost ? FindingKind::lost_exception
                                                   : FindingKind::exception;
    f.task = task(r.task);
    f.stack = r.stack;
    f.what = d_.string(r.type);
    f.message = message(std::move(r.message));
    f.fate = r.fate;
    stage(r, EventKind::exception, f.task, finding(f));
  }
  void on(const format::BlockingCall& r) {
    Finding f;
    f.task = task(r.task);
    f.stack = r.stack;
    f.what = d_.string(r.function);
    f.duration_ns = r.duration_ns;
    stage(r, EventKind::blocking_call, f.task, finding(f));
  }
  void on(const format::SlowResume& r) {
    Finding f;
    f.kind = FindingKind::slow_resume;
    f.task = task(r.task);
    f.stack = r.stack;
    f.duration_ns = r.duration_ns;
    stage(r, EventKind::slow_resume, f.task, finding(f));
  }
  void on(const format::LostTask& r) {
    Finding f;
    f.kind = FindingKind::lost_task;
    f.task = task(r.task);
    f.stack = r.stack;
    f.reason = r.reason;
    stage(r, EventKind::lost_task, f.task, finding(f));
  }
  void on(const format::DroppedEvents& r) {
    Finding f;
    f.kind = FindingKind::dropped_events;
    f.count = r.count;
    d_.dropped += r.count;
    stage(r, EventKind::dropped_events, kNoTask, finding(f));
  }
  void on(format::LogRecord& r) {
    const TaskIndex t = task(r.task);
    const ThreadIndex th = thread(r.thread);
    out_.logs.push_back(LogEntry{r.time, t, th, r.level, d_.string(r.logger), std::move(r.text)});
    stage(r, EventKind::log, t, index_of(out_.logs));
  }
  void on(format::Annotation& r) {
    const TaskIndex t = task(r.task);
    out_.annotations.push_back(AnnotationEntry{r.time, t, d_.string(r.key), std::move(r.value)});
    stage(r, EventKind::annotation, t, index_of(out_.annotations));
  }

  // ---- Helpers ----
  // Asio's co_spawn_entry_point posting a task's end (a task whose body never suspended):
  // not an operation the task awaited.
  bool entry_point_post(format::LocationId id) const {
    auto it = d_.locations.find(id);
    return it != d_.locations.end() && d_.string(it->second.function) == "co_spawn_entry_point";
  }

  // A task whose coroutine function is unknown is named after the first operation it awaited,
  // in brackets: an operand of `a || b` that is an async operation itself
  // (`sock.async_read_some(buf, use_awaitable)`) runs no coroutine of the program's, and a
  // blank name in a table of tasks says nothing.
  void name_after_operations() {
    for (TaskIndex t = 0; t < d_.tasks.size() && t < first_operation_.size(); ++t) {
      Task& task = d_.tasks[t];
      const std::string_view op = d_.string(first_operation_[t]);
      if (!task.name.empty() || op.empty() || op == kUntrackedOperation) continue;
      task.name = d_.derived_names.emplace_back("[" + std::string(op) + "]");
    }
  }

  template <typename V>
  static std::uint32_t index_of(const V& v) {
    return static_cast<std::uint32_t>(std::min<std::size_t>(v.size() - 1, kNoDetail));
  }
  std::uint32_t finding(const Finding& f) {
    out_.findings.push_back(f);
    return index_of(out_.findings);
  }
  std::uint32_t message(std::string text) {
    if (text.empty()) return kNoMessage;
    d_.finding_messages.push_back(std::move(text));
    return static_cast<std::uint32_t>(d_.finding_messages.size() - 1);
  }
  void stage(const format::EventBase& e, EventKind kind, TaskIndex t, std::uint32_t arg) {
    out_.staging.add(e.time, kind, t, thread(e.thread), arg);
  }
  TaskIndex task(format::TaskId id) {
    if (id == 0) return kNoTask;
    // Consecutive records mostly name the same task (resume, suspend, resume end).
    if (id == last_id_) return last_index_;
    last_id_ = id;
    last_index_ = lookup_task(id);
    return last_index_;
  }
  TaskIndex lookup_task(format::TaskId id) {
    bool added = false;
    const TaskIndex t = d_.task_by_id.insert(id, static_cast<TaskIndex>(d_.tasks.size()), added);
    if (added) {
      d_.tasks.emplace_back().id = id;
      out_.has_spawn.push_back(false);
      out_.parent_ids.push_back(0);
    }
    return t;
  }
  ThreadIndex thread(format::ThreadId id) {
    // Records come in chunks of one thread.
    if (id == last_thread_id_ && last_thread_ != kNoThread) return last_thread_;
    last_thread_id_ = id;
    last_thread_ = lookup_thread(id);
    return last_thread_;
  }
  ThreadIndex lookup_thread(format::ThreadId id) {
    auto [it, added] = thread_index_.try_emplace(id, static_cast<ThreadIndex>(d_.threads.size()));
    if (added) {
      if (d_.threads.size() < kMaxThreadIndex) {
        d_.threads.emplace_back().os_id = id;
      } else {
        // Beyond 4095 threads, the rest share the last slot.
        if (d_.threads.size() == kMaxThreadIndex)
          d_.threads.emplace_back().name = "(other threads)";
        it->second = kMaxThreadIndex;
      }
    }
    return it->second;
  }
  SiteIndex site(format::StringId op, format::LocationId loc, format::StackId stack) {
    auto [it, added] =
        site_index_.try_emplace(SiteKey{op, loc, stack}, static_cast<SiteIndex>(d_.sites.size()));
    if (added) d_.sites.push_back(AwaitSite{d_.string(op), loc, stack});
    return it->second;
  }

  ModelData& d_;
  Loaded& out_;
  std::unordered_map<SiteKey, SiteIndex, SiteKeyHash> site_index_;
  std::unordered_map<format::ThreadId, ThreadIndex> thread_index_;
  std::vector<format::StringId> first_operation_;  // per task: the first it awaited
  format::TaskId last_id_ = 0;
  TaskIndex last_index_ = kNoTask;
  format::ThreadId last_thread_id_ = 0;
  ThreadIndex last_thread_ = kNoThread;

 public:
  std::vector<format::SymbolDef> symbol_defs;
};

// A damaged or hostile trace may name parents in a cycle; cut each cycle so the tree is a
// forest and stack walks end.
void break_parent_cycles(std::vector<Task>& tasks) {
  enum : std::uint8_t { unseen, on_path, done };
  std::vector<std::uint8_t> mark(tasks.size(), unseen);
  std::vector<TaskIndex> path;
  for (TaskIndex start = 0; start < tasks.size(); ++start) {
    TaskIndex t = start;
    while (t != kNoTask && mark[t] == unseen) {
      mark[t] = on_path;
      path.push_back(t);
      t = tasks[t].parent;
    }
    if (t != kNoTask && mark[t] == on_path) tasks[path.back()].parent = kNoTask;
    for (TaskIndex p : path) mark[p] = done;
    path.clear();
  }
}

}  // namespace

format::Result<Loaded> read_trace(format::TraceReader& reader, ModelData& data,
                                  const LoadOptions& options) {
  Loaded out;
  Reader r(data, out);
  std::uint64_t n = 0;
  while (std::optional<format::Record> record = reader.next()) {
    r.add(*record);
    if ((++n & 0xffff) == 0 && options.progress &&
        !options.progress(reader.offset(), reader.file_size()))
      return format::Error{"loading cancelled"};
  }
  r.finish();
  // Parents may be spawned in a later chunk than their children: resolve ids now.
  for (TaskIndex t = 0; t < data.tasks.size(); ++t) {
    const std::optional<TaskIndex> parent =
        out.parent_ids[t] ? data.task_by_id.find(out.parent_ids[t]) : std::nullopt;
    if (parent && *parent != t) data.tasks[t].parent = *parent;
  }
  out.parent_ids = {};  // not needed by the index build: give the memory back
  break_parent_cycles(data.tasks);
  // Symbols from the trace, resolved to text.
  std::unordered_map<std::uint64_t, Symbol> symbols;
  for (const format::SymbolDef& s : r.symbol_defs) {
    Symbol& sym = symbols[s.address];
    if (!sym.empty()) continue;
    for (const format::SymbolFrame& f : s.frames)
      sym.push_back(ResolvedFrame{std::string(data.string(f.function)),
                                  std::string(data.string(f.file)), f.line});
  }
  std::vector<Symbolizer::Module> modules;
  for (const format::ModuleDef& m : data.modules)
    modules.push_back({std::string(data.string(m.path)), m.base, m.size});
  data.symbolizer =
      std::make_unique<Symbolizer>(options.symbols, std::move(symbols), std::move(modules));
  data.damage = reader.damage();
  data.file_size = reader.file_size();
  if (options.progress) options.progress(reader.file_size(), reader.file_size());
  return out;
}

}  // namespace coscope::model::detail
