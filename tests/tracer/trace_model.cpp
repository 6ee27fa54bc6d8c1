#include "trace_model.hpp"

#include <algorithm>
#include <set>
#include <type_traits>

namespace coscope::testing {
namespace {

const char* short_kind(format::RecordKind k) {
  switch (k) {
    case format::RecordKind::task_spawn:
      return "spawn";
    case format::RecordKind::task_wake:
      return "wake";
    case format::RecordKind::task_resume:
      return "resume";
    case format::RecordKind::task_suspend:
      return "suspend";
    case format::RecordKind::resume_end:
      return "end";
    case format::RecordKind::task_complete:
      return "complete";
    case format::RecordKind::handler_destroyed:
      return "destroyed";
    case format::RecordKind::lost_task:
      return "lost";
    default:
      return format::kind_name(k);
  }
}

}  // namespace

std::string TracedTask::kinds() const {
  std::string out = "spawn";
  for (const TaskEvent& e : events) {
    out += ' ';
    out += short_kind(e.kind);
  }
  return out;
}

bool TracedTask::completed() const {
  return !events.empty() && events.back().kind == format::RecordKind::task_complete;
}

bool TracedTask::lost() const {
  for (const TaskEvent& e : events)
    if (e.kind == format::RecordKind::lost_task) return true;
  return false;
}

std::string Trace::function_at(std::uint64_t address) const {
  auto it = symbols.find(address);
  if (it == symbols.end() || it->second.frames.empty()) return {};
  auto s = strings.find(it->second.frames.back().function);
  return s == strings.end() ? std::string() : s->second;
}

std::vector<std::string> Trace::awaiter_names(format::StackId id) const {
  std::vector<std::string> out;
  auto it = stacks.find(id);
  if (it == stacks.end()) return out;
  for (std::uint64_t a : it->second.awaiters) out.push_back(function_at(a));
  return out;
}

std::vector<std::string> Trace::frame_names(format::StackId id) const {
  std::vector<std::string> out;
  auto it = stacks.find(id);
  if (it == stacks.end()) return out;
  for (std::uint64_t a : it->second.frames) {
    auto symbol = symbols.find(a);
    if (symbol == symbols.end()) continue;
    for (const format::SymbolFrame& f : symbol->second.frames) {
      auto s = strings.find(f.function);
      out.push_back(s == strings.end() ? std::string() : s->second);
    }
  }
  return out;
}

std::vector<const TracedTask*> Trace::named(const std::string& fragment) const {
  std::vector<const TracedTask*> out;
  for (const auto& [id, t] : tasks)
    if (t.name.find(fragment) != std::string::npos) out.push_back(&t);
  return out;
}

std::vector<const TracedTask*> Trace::children_of(format::TaskId parent) const {
  std::vector<const TracedTask*> out;
  for (const auto& [id, t] : tasks)
    if (t.spawn.parent == parent) out.push_back(&t);
  return out;
}

Trace read_trace(const std::string& path) {
  Trace trace;
  auto reader = format::TraceReader::open(path);
  if (!reader) {
    trace.problems.push_back(reader.error().message);
    return trace;
  }
  trace.header = reader->header();
  auto need_string = [&](format::StringId id, const char* what) {
    if (id != 0 && !trace.strings.count(id))
      trace.problems.push_back(std::string(what) + " uses string " + std::to_string(id) +
                               " before its definition");
  };
  auto need_stack = [&](format::StackId id) {
    if (id != 0 && !trace.stacks.count(id))
      trace.problems.push_back("stack " + std::to_string(id) + " used before its definition");
  };
  auto task_event = [&](format::TaskId task, format::RecordKind kind,
                        const format::EventBase& base) -> TaskEvent* {
    auto it = trace.tasks.find(task);
    if (it == trace.tasks.end()) {
      trace.problems.push_back(std::string(format::kind_name(kind)) + " of unknown task " +
                               std::to_string(task));
      return nullptr;
    }
    TaskEvent e;
    e.kind = kind;
    e.time = base.time;
    e.thread = base.thread;
    it->second.events.push_back(e);
    return &it->second.events.back();
  };
  while (auto record = reader->next()) {
    if (format::is_event(*record)) ++trace.events;
    std::visit(
        [&](const auto& r) {
          using R = std::decay_t<decltype(r)>;
          if constexpr (std::is_same_v<R, format::StringDef>) {
            trace.strings[r.id] = r.text;
          } else if constexpr (std::is_same_v<R, format::StackDef>) {
            trace.stacks[r.id] = r;
          } else if constexpr (std::is_same_v<R, format::LocationDef>) {
            need_string(r.file, "location");
            trace.locations[r.id] = r;
          } else if constexpr (std::is_same_v<R, format::SymbolDef>) {
            for (const auto& f : r.frames) need_string(f.function, "symbol");
            trace.symbols[r.address] = r;
          } else if constexpr (std::is_same_v<R, format::ModuleDef>) {
            need_string(r.path, "module");
            trace.modules.push_back(r);
          } else if constexpr (std::is_same_v<R, format::TaskSpawn>) {
            need_string(r.name, "spawn");
            need_stack(r.stack);
            if (trace.tasks.count(r.task))
              trace.problems.push_back("task id " + std::to_string(r.task) + " reused");
            TracedTask& t = trace.tasks[r.task];
            t.spawn = r;
            t.name = r.name == 0 ? "" : trace.strings[r.name];
          } else if constexpr (std::is_same_v<R, format::TaskSuspend>) {
            need_string(r.operation, "suspend");
            need_stack(r.stack);
            if (TaskEvent* e = task_event(r.task, format::RecordKind::task_suspend, r)) {
              e->operation = r.operation == 0 ? "" : trace.strings[r.operation];
              e->stack = r.stack;
            }
          } else if constexpr (std::is_same_v<R, format::HandlerDestroyed>) {
            if (TaskEvent* e = task_event(r.task, format::RecordKind::handler_destroyed, r))
              e->operation = r.operation == 0 ? "" : trace.strings[r.operation];
          } else if constexpr (std::is_same_v<R, format::TaskComplete>) {
            if (TaskEvent* e = task_event(r.task, format::RecordKind::task_complete, r)) {
              e->status = r.status;
              e->exception_type = r.exception_type == 0 ? "" : trace.strings[r.exception_type];
              e->message = r.message;
            }
          } else if constexpr (std::is_same_v<R, format::LostTask>) {
            task_event(r.task, format::RecordKind::lost_task, r);
            trace.findings.push_back(r);
          } else if constexpr (std::is_same_v<R, format::TaskWake>) {
            task_event(r.task, format::RecordKind::task_wake, r);
          } else if constexpr (std::is_same_v<R, format::TaskResume>) {
            task_event(r.task, format::RecordKind::task_resume, r);
          } else if constexpr (std::is_same_v<R, format::ResumeEnd>) {
            task_event(r.task, format::RecordKind::resume_end, r);
          } else if constexpr (std::is_same_v<R, format::DroppedEvents>) {
            trace.dropped += r.count;
            trace.findings.push_back(r);
          } else if constexpr (std::is_base_of_v<format::EventBase, R>) {
            trace.findings.push_back(r);
          }
        },
        *record);
  }
  for (const auto& d : reader->damage()) trace.problems.push_back(d.describe());
  // Chunks of different threads interleave in the file; a task's story is in time order.
  for (auto& [id, t] : trace.tasks)
    std::stable_sort(t.events.begin(), t.events.end(),
                     [](const TaskEvent& a, const TaskEvent& b) { return a.time < b.time; });
  return trace;
}

}  // namespace coscope::testing
