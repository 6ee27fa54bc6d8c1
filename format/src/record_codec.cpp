#include "record_codec.hpp"

#include <string_view>
#include <type_traits>

namespace coscope::format::detail {
namespace {

using Out = std::vector<unsigned char>;

void put_text(Out& out, std::string_view s) {
  put_bytes(out, s.substr(0, kMaxStringBytes));
}

void put_addresses(Out& out, const std::vector<std::uint64_t>& addresses) {
  // Frames of one stack sit in few modules: deltas keep most of them to 2-4 bytes.
  put_varint(out, addresses.size());
  std::uint64_t prev = 0;
  for (std::uint64_t a : addresses) {
    put_signed(out, static_cast<std::int64_t>(a - prev));
    prev = a;
  }
}

std::vector<std::uint64_t> get_addresses(Cursor& in) {
  std::vector<std::uint64_t> addresses(in.count(1));
  std::uint64_t prev = 0;
  for (auto& a : addresses) {
    a = prev + static_cast<std::uint64_t>(in.signed_varint());
    prev = a;
  }
  return addresses;
}

void put_event(Out& out, const EventBase& e, DeltaState& state) {
  put_signed(out, static_cast<std::int64_t>(e.time - state.time));
  state.time = e.time;
}

void put_task(Out& out, TaskId task, DeltaState& state) {
  put_signed(out, static_cast<std::int64_t>(task - state.task));
  state.task = task;
}

void get_event(Cursor& in, EventBase& e, DeltaState& state, ThreadId thread) {
  e.time = state.time + static_cast<std::uint64_t>(in.signed_varint());
  state.time = e.time;
  e.thread = thread;
}

TaskId get_task(Cursor& in, DeltaState& state) {
  state.task += static_cast<std::uint64_t>(in.signed_varint());
  return state.task;
}

template <typename... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <typename... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

}  // namespace

void encode_body(const Record& record, DeltaState& s, Out& out) {
  std::visit(Overloaded{
                 [&](const StringDef& r) {
                   put_varint(out, r.id);
                   put_text(out, r.text);
                 },
                 [&](const LocationDef& r) {
                   put_varint(out, r.id);
                   put_varint(out, r.file);
                   put_varint(out, r.line);
                   put_varint(out, r.column);
                   put_varint(out, r.function);
                 },
                 [&](const StackDef& r) {
                   put_varint(out, r.id);
                   put_addresses(out, r.frames);
                   put_addresses(out, r.awaiters);
                 },
                 [&](const ModuleDef& r) {
                   put_varint(out, r.id);
                   put_varint(out, r.path);
                   put_bytes(out, std::string_view(r.build_id).substr(0, 256));
                   put_varint(out, r.base);
                   put_varint(out, r.size);
                 },
                 [&](const SymbolDef& r) {
                   put_varint(out, r.address);
                   put_varint(out, r.frames.size());
                   for (const SymbolFrame& f : r.frames) {
                     put_varint(out, f.function);
                     put_varint(out, f.file);
                     put_varint(out, f.line);
                   }
                 },
                 [&](const ThreadDef& r) {
                   put_varint(out, r.thread);
                   put_varint(out, r.name);
                 },
                 [&](const TaskSpawn& r) {
                   put_event(out, r, s);
                   put_task(out, r.task, s);
                   put_varint(out, r.parent);
                   put_varint(out, r.name);
                   put_varint(out, r.location);
                   put_varint(out, r.stack);
                 },
                 [&](const TaskWake& r) {
                   put_event(out, r, s);
                   put_task(out, r.task, s);
                 },
                 [&](const TaskResume& r) {
                   put_event(out, r, s);
                   put_task(out, r.task, s);
                 },
                 [&](const TaskSuspend& r) {
                   put_event(out, r, s);
                   put_task(out, r.task, s);
                   put_varint(out, r.operation);
                   put_varint(out, r.location);
                   put_varint(out, r.stack);
                 },
                 [&](const ResumeEnd& r) {
                   put_event(out, r, s);
                   put_task(out, r.task, s);
                 },
                 [&](const TaskComplete& r) {
                   put_event(out, r, s);
                   put_task(out, r.task, s);
                   out.push_back(static_cast<unsigned char>(r.status));
                   put_varint(out, r.exception_type);
                   put_text(out, r.message);
                 },
                 [&](const HandlerDestroyed& r) {
                   put_event(out, r, s);
                   put_task(out, r.task, s);
                   put_varint(out, r.operation);
                 },
                 [&](const ExceptionThrown& r) {
                   put_event(out, r, s);
                   put_task(out, r.task, s);
                   put_varint(out, r.type);
                   put_text(out, r.message);
                   put_varint(out, r.stack);
                   out.push_back(static_cast<unsigned char>(r.fate));
                 },
                 [&](const BlockingCall& r) {
                   put_event(out, r, s);
                   put_task(out, r.task, s);
                   put_varint(out, r.function);
                   put_varint(out, r.duration_ns);
                   put_varint(out, r.stack);
                 },
                 [&](const SlowResume& r) {
                   put_event(out, r, s);
                   put_task(out, r.task, s);
                   put_varint(out, r.duration_ns);
                   put_varint(out, r.stack);
                 },
                 [&](const LostTask& r) {
                   put_event(out, r, s);
                   put_task(out, r.task, s);
                   out.push_back(static_cast<unsigned char>(r.reason));
                   put_varint(out, r.stack);
                 },
                 [&](const LogRecord& r) {
                   put_event(out, r, s);
                   put_task(out, r.task, s);
                   out.push_back(r.level);
                   put_varint(out, r.logger);
                   put_text(out, r.text);
                 },
                 [&](const DroppedEvents& r) {
                   put_event(out, r, s);
                   put_varint(out, r.count);
                 },
                 [&](const Annotation& r) {
                   put_event(out, r, s);
                   put_task(out, r.task, s);
                   put_varint(out, r.key);
                   put_text(out, r.value);
                 },
             },
             record);
}

std::optional<Record> decode_body(std::uint64_t kind, Cursor& in, DeltaState& s, ThreadId thread,
                                  bool& known) {
  known = true;
  switch (static_cast<RecordKind>(kind)) {
    case RecordKind::string_def: {
      StringDef r;
      r.id = in.u32();
      r.text = in.bytes();
      return r;
    }
    case RecordKind::location_def: {
      LocationDef r;
      r.id = in.u32();
      r.file = in.u32();
      r.line = in.u32();
      r.column = in.u32();
      r.function = in.u32();
      return r;
    }
    case RecordKind::stack_def: {
      StackDef r;
      r.id = in.u32();
      r.frames = get_addresses(in);
      r.awaiters = get_addresses(in);
      return r;
    }
    case RecordKind::module_def: {
      ModuleDef r;
      r.id = in.u32();
      r.path = in.u32();
      r.build_id = in.bytes();
      r.base = in.varint();
      r.size = in.varint();
      return r;
    }
    case RecordKind::symbol_def: {
      SymbolDef r;
      r.address = in.varint();
      r.frames.resize(in.count(3));
      for (SymbolFrame& f : r.frames) {
        f.function = in.u32();
        f.file = in.u32();
        f.line = in.u32();
      }
      return r;
    }
    case RecordKind::thread_def: {
      ThreadDef r;
      r.thread = in.u32();
      r.name = in.u32();
      return r;
    }
    case RecordKind::task_spawn: {
      TaskSpawn r;
      get_event(in, r, s, thread);
      r.task = get_task(in, s);
      r.parent = in.varint();
      r.name = in.u32();
      r.location = in.u32();
      r.stack = in.u32();
      return r;
    }
    case RecordKind::task_wake: {
      TaskWake r;
      get_event(in, r, s, thread);
      r.task = get_task(in, s);
      return r;
    }
    case RecordKind::task_resume: {
      TaskResume r;
      get_event(in, r, s, thread);
      r.task = get_task(in, s);
      return r;
    }
    case RecordKind::task_suspend: {
      TaskSuspend r;
      get_event(in, r, s, thread);
      r.task = get_task(in, s);
      r.operation = in.u32();
      r.location = in.u32();
      r.stack = in.u32();
      return r;
    }
    case RecordKind::resume_end: {
      ResumeEnd r;
      get_event(in, r, s, thread);
      r.task = get_task(in, s);
      return r;
    }
    case RecordKind::task_complete: {
      TaskComplete r;
      get_event(in, r, s, thread);
      r.task = get_task(in, s);
      r.status = static_cast<CompletionStatus>(in.u8());
      r.exception_type = in.u32();
      r.message = in.bytes();
      return r;
    }
    case RecordKind::handler_destroyed: {
      HandlerDestroyed r;
      get_event(in, r, s, thread);
      r.task = get_task(in, s);
      r.operation = in.u32();
      return r;
    }
    case RecordKind::exception_thrown: {
      ExceptionThrown r;
      get_event(in, r, s, thread);
      r.task = get_task(in, s);
      r.type = in.u32();
      r.message = in.bytes();
      r.stack = in.u32();
      r.fate = static_cast<ExceptionFate>(in.u8());
      return r;
    }
    case RecordKind::blocking_call: {
      BlockingCall r;
      get_event(in, r, s, thread);
      r.task = get_task(in, s);
      r.function = in.u32();
      r.duration_ns = in.varint();
      r.stack = in.u32();
      return r;
    }
    case RecordKind::slow_resume: {
      SlowResume r;
      get_event(in, r, s, thread);
      r.task = get_task(in, s);
      r.duration_ns = in.varint();
      r.stack = in.u32();
      return r;
    }
    case RecordKind::lost_task: {
      LostTask r;
      get_event(in, r, s, thread);
      r.task = get_task(in, s);
      r.reason = static_cast<LostReason>(in.u8());
      r.stack = in.u32();
      return r;
    }
    case RecordKind::log_record: {
      LogRecord r;
      get_event(in, r, s, thread);
      r.task = get_task(in, s);
      r.level = in.u8();
      r.logger = in.u32();
      r.text = in.bytes();
      return r;
    }
    case RecordKind::dropped_events: {
      DroppedEvents r;
      get_event(in, r, s, thread);
      r.count = in.varint();
      return r;
    }
    case RecordKind::annotation: {
      Annotation r;
      get_event(in, r, s, thread);
      r.task = get_task(in, s);
      r.key = in.u32();
      r.value = in.bytes();
      return r;
    }
  }
  known = false;
  return std::nullopt;
}

}  // namespace coscope::format::detail
