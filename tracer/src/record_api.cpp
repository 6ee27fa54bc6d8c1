// The hot-path recording functions: write each record straight into the calling thread's
// ring buffer. No lock, no allocation (after the thread's first event).
#include <new>

#include "clock.hpp"
#include "coscope/tracer/recorder.hpp"
#include "event_layout.hpp"
#include "session.hpp"

namespace coscope::tracer {
namespace {

using detail::HotKind;
using detail::kHeaderWords;

// Writes one record straight into the calling thread's ring: header, `n` payload words, then
// the stack's frames and awaiters. No intermediate copy; a drop when it does not fit.
// Returns the record's ticks, 0 when it was not written.
[[gnu::always_inline]] inline std::uint64_t write(HotKind kind, TaskId task, unsigned aux,
                                                  const std::uint64_t* payload, unsigned n,
                                                  const RawStack* stack) {
  detail::ThreadBuffer* b = detail::thread_buffer();
  if (b == nullptr) return 0;
  const unsigned frames = stack == nullptr ? 0 : stack->frames;
  const unsigned awaiters = stack == nullptr ? 0 : stack->awaiters;
  std::uint64_t at;
  // A suspension's record may stand for its resume end and wake too (SuspendAlso).
  // (Not std::popcount: without -mpopcnt it is a libgcc call, 12 instructions a post.)
  const unsigned events = kind == HotKind::suspend ? 1 + (aux & 1) + ((aux >> 1) & 1) : 1;
  // Spawns, losses, destroyed handlers and findings may use the ring's reserve.
  if (!b->reserve(kHeaderWords + n + frames + awaiters, at, events, kind != HotKind::suspend))
    return 0;
  const detail::ThreadBuffer::Writer w = b->writer();
  const std::uint64_t ticks = detail::read_ticks();
  w.put(at++, ticks);
  w.put(at++, detail::pack_meta(task, kind, n, frames, awaiters, aux));
  for (unsigned i = 0; i < n; ++i) w.put(at++, payload[i]);
  for (unsigned i = 0; i < frames; ++i) w.put(at++, stack->frame[i]);
  for (unsigned i = 0; i < awaiters; ++i) w.put(at++, stack->awaiter[i]);
  b->commit(at);
  return ticks;
}

// As write(), for a record of its header alone.
[[gnu::always_inline]] inline std::uint64_t plain(HotKind kind, TaskId task, unsigned aux = 0) {
  if (!active()) return 0;
  detail::ThreadBuffer* b = detail::thread_buffer();
  if (b == nullptr) return 0;
  std::uint64_t at;
  if (!b->reserve(kHeaderWords, at, kind == HotKind::resume && aux != 0 ? 2 : 1,
                  kind == HotKind::complete))
    return 0;
  const detail::ThreadBuffer::Writer w = b->writer();
  const std::uint64_t ticks = detail::read_ticks();
  w.put(at, ticks);
  w.put(at + 1, detail::pack_meta(task, kind, 0, 0, 0, aux));
  b->commit(at + kHeaderWords);
  return ticks;
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
  const std::uint64_t payload[] = {parent, name, addr(where.file), addr(where.function),
                                   where.line};
  write(HotKind::spawn, task, 0, payload, 5, stack);
}

void record_wake(TaskId task) noexcept {
  plain(HotKind::wake, task);
}
std::uint64_t record_resume(TaskId task, bool woken) noexcept {
  return plain(HotKind::resume, task, woken ? 1 : 0);
}
void record_resume_end(TaskId task) noexcept {
  plain(HotKind::resume_end, task);
}

std::uint64_t record_suspend(TaskId task, const char* object_type, const char* op_name,
                             const StaticLocation& where, const RawStack* stack,
                             unsigned also) noexcept {
  if (!active()) return 0;
  const std::uint64_t payload[] = {addr(object_type), addr(op_name), addr(where.file),
                                   addr(where.function), where.line};
  // Most call sites name no source position (the global use_awaitable): two words then.
  const bool located = where.file != nullptr || where.function != nullptr || where.line != 0;
  return write(HotKind::suspend, task, also & (kEndsResume | kWoken), payload, located ? 5 : 2,
               stack);
}

void record_complete(TaskId task, format::CompletionStatus status) noexcept {
  plain(HotKind::complete, task, static_cast<unsigned>(status));
}

void record_handler_destroyed(TaskId task, const char* object_type, const char* op_name) noexcept {
  if (!active()) return;
  const std::uint64_t payload[] = {addr(object_type), addr(op_name)};
  write(HotKind::handler_destroyed, task, 0, payload, 2, nullptr);
}

void record_lost(TaskId task, format::LostReason reason, const RawStack* stack) noexcept {
  if (!active()) return;
  write(HotKind::lost, task, static_cast<unsigned>(reason), nullptr, 0, stack);
}
namespace {

// A cold record's heap object, or nullptr when out of memory (the event is then not recorded).
detail::ColdEvent* new_cold(format::Record&& record) noexcept {
  auto* cold = new (std::nothrow) detail::ColdEvent;
  if (cold == nullptr) return nullptr;
  try {
    cold->record = std::move(record);
  } catch (...) {
    delete cold;
    return nullptr;
  }
  return cold;
}

void write_cold(detail::ColdEvent* cold) noexcept {
  const std::uint64_t payload[] = {addr(cold)};
  if (!write(HotKind::cold, current_task(), 0, payload, 1, nullptr)) delete cold;
}

}  // namespace

void emit(format::Record record, const RawStack* stack) noexcept {
  if (!active()) return;
  detail::ColdEvent* cold = new_cold(std::move(record));
  if (cold == nullptr) return;
  if (stack != nullptr) {
    cold->has_stack = true;
    cold->stack = *stack;
  }
  write_cold(cold);
}

namespace detail {
void emit_unless_dropped(format::Record record, const RawStack& stack, bool with_stack,
                         bool (*keep)(const char*, const RawStack&) noexcept,
                         const char* keep_arg) noexcept {
  if (!active()) return;
  ColdEvent* cold = new_cold(std::move(record));
  if (cold == nullptr) return;
  cold->has_stack = with_stack;
  cold->stack = stack;
  cold->keep = keep;
  cold->keep_arg = keep_arg;
  write_cold(cold);
}
}  // namespace detail

}  // namespace coscope::tracer
