// The hot-path recording functions: build one record on the stack, copy it into the calling
// thread's ring buffer. No lock, no allocation (after the thread's first event).
#include <new>

#include "clock.hpp"
#include "coscope/tracer/recorder.hpp"
#include "event_layout.hpp"
#include "session.hpp"

namespace coscope::tracer {
namespace {

using detail::HotKind;
using detail::kHeaderWords;

struct Record {
  std::uint64_t words[detail::kMaxRecordWords];
  unsigned size = kHeaderWords;
};

[[gnu::always_inline]] inline void header(Record& r, HotKind kind, TaskId task, unsigned payload,
                                          const RawStack* stack, std::uint32_t aux) {
  unsigned frames = stack == nullptr ? 0 : stack->frames;
  unsigned awaiters = stack == nullptr ? 0 : stack->awaiters;
  r.words[0] = detail::read_ticks();
  r.words[1] = task;
  r.words[2] = detail::pack_meta(kind, payload, frames, awaiters, aux);
}

[[gnu::always_inline]] inline void append_stack(Record& r, const RawStack* stack) {
  if (stack == nullptr) return;
  for (unsigned i = 0; i < stack->frames; ++i) r.words[r.size++] = stack->frame[i];
  for (unsigned i = 0; i < stack->awaiters; ++i) r.words[r.size++] = stack->awaiter[i];
}

[[gnu::always_inline]] inline bool push(const std::uint64_t* words, unsigned n) {
  detail::ThreadBuffer* b = detail::thread_buffer();
  return b != nullptr && b->push(words, n);
}

[[gnu::always_inline]] inline void plain(HotKind kind, TaskId task, std::uint32_t aux = 0) {
  if (!active()) return;
  detail::PlainRecord r{detail::read_ticks(), task, detail::pack_meta(kind, 0, 0, 0, aux)};
  push(&r.ticks, kHeaderWords);
}

std::uint64_t addr(const void* p) {
  return reinterpret_cast<std::uint64_t>(p);
}

}  // namespace

namespace detail {
std::atomic<bool> g_active{false};
std::atomic<std::uint64_t> g_next_task{1};
}  // namespace detail

TaskId new_task_id() noexcept {
  return detail::g_next_task.fetch_add(1, std::memory_order_relaxed);
}

void record_spawn(TaskId task, TaskId parent, std::uint64_t name, const StaticLocation& where,
                  const RawStack* stack) noexcept {
  if (!active()) return;
  Record r;
  header(r, HotKind::spawn, task, 4, stack, where.line);
  r.words[r.size++] = parent;
  r.words[r.size++] = name;
  r.words[r.size++] = addr(where.file);
  r.words[r.size++] = addr(where.function);
  append_stack(r, stack);
  push(r.words, r.size);
}

void record_wake(TaskId task) noexcept {
  plain(HotKind::wake, task);
}
void record_resume(TaskId task) noexcept {
  plain(HotKind::resume, task);
}
void record_resume_end(TaskId task) noexcept {
  plain(HotKind::resume_end, task);
}

void record_suspend(TaskId task, const char* object_type, const char* op_name,
                    const StaticLocation& where, const RawStack* stack) noexcept {
  if (!active()) return;
  Record r;
  header(r, HotKind::suspend, task, 4, stack, where.line);
  r.words[r.size++] = addr(object_type);
  r.words[r.size++] = addr(op_name);
  r.words[r.size++] = addr(where.file);
  r.words[r.size++] = addr(where.function);
  append_stack(r, stack);
  push(r.words, r.size);
}

void record_complete(TaskId task, format::CompletionStatus status) noexcept {
  plain(HotKind::complete, task, static_cast<std::uint32_t>(status));
}

void record_handler_destroyed(TaskId task, const char* object_type, const char* op_name) noexcept {
  if (!active()) return;
  Record r;
  header(r, HotKind::handler_destroyed, task, 2, nullptr, 0);
  r.words[r.size++] = addr(object_type);
  r.words[r.size++] = addr(op_name);
  push(r.words, r.size);
}

void record_lost(TaskId task, format::LostReason reason, const RawStack* stack) noexcept {
  if (!active()) return;
  Record r;
  header(r, HotKind::lost, task, 0, stack, static_cast<std::uint32_t>(reason));
  append_stack(r, stack);
  push(r.words, r.size);
}

void emit(format::Record record, const RawStack* stack) noexcept {
  if (!active()) return;
  auto* cold = new (std::nothrow) detail::ColdEvent;
  if (cold == nullptr) return;
  try {
    cold->record = std::move(record);
  } catch (...) {
    delete cold;
    return;
  }
  if (stack != nullptr) {
    cold->has_stack = true;
    cold->stack = *stack;
  }
  Record r;
  header(r, HotKind::cold, current_task(), 1, nullptr, 0);
  r.words[r.size++] = addr(cold);
  if (!push(r.words, r.size)) delete cold;
}

}  // namespace coscope::tracer
