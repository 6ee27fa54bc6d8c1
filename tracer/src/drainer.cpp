#include "drainer.hpp"

#include <algorithm>
#include <cstring>
#include <utility>

#include "event_layout.hpp"
#include "names.hpp"
#include "session.hpp"

namespace coscope::tracer::detail {
namespace {

// A drain waits (for a task's name, for a spawn) up to kHoldNs while the waiting ring is
// below half full, and longer, up to kLongHoldNs, while it stays below 1/kHoldFill of its
// capacity: on a loaded machine (or under a sanitizer) a spawned task may wait long for its
// first run, and holding costs nothing until the ring fills. A ring half full is drained at
// once: a burst of events (a post loop) would otherwise fill it and lose its newest events.
constexpr std::uint64_t kHoldNs = 100'000'000;
constexpr std::uint64_t kLongHoldNs = 10'000'000'000;
constexpr std::uint64_t kHoldFill = 8;

template <typename Event>
Event event_at(std::uint64_t time, std::uint64_t task) {
  Event e;
  e.time = time;
  e.task = task;
  return e;
}

// Stores a stack id into the `stack` field of the records that have one.
void set_stack(format::Record& record, format::StackId id) {
  std::visit(
      [id](auto& r) {
        if constexpr (requires { r.stack; }) r.stack = id;
      },
      record);
}

// The task a cold record is an event of, when it is a task's event (a completion with an
// exception): findings only name the task that was running.
std::uint64_t cold_task(const ThreadBuffer& buffer, std::uint64_t at) {
  const auto* cold = reinterpret_cast<const ColdEvent*>(buffer.word(at + kHeaderWords));
  const auto* complete = std::get_if<format::TaskComplete>(&cold->record);
  return complete == nullptr ? 0 : complete->task;
}

}  // namespace

format::StringId Drainer::operation(const char* object_type, const char* op_name) {
  const auto key = (reinterpret_cast<std::uintptr_t>(object_type) * 31) ^
                   reinterpret_cast<std::uintptr_t>(op_name);
  CachedOperation& c = operation_cache_[(key >> 3) % kOperationCacheSize];
  if (c.id != 0 && c.object_type == object_type && c.op_name == op_name) return c.id;
  c = CachedOperation{object_type, op_name, definitions_.operation(object_type, op_name)};
  return c.id;
}

Symbolizer& Drainer::symbolizer() {
  if (!symbolizer_) symbolizer_ = std::make_unique<Symbolizer>();
  return *symbolizer_;
}

format::StringId Drainer::function_name(std::uint64_t address) {
  if (address == 0) return 0;
  auto it = function_names_.find(address);
  if (it != function_names_.end()) return it->second;
  std::string name = symbolizer().function_name(address);
  format::StringId id = name.empty() ? 0 : definitions_.intern(name);
  function_names_.emplace(address, id);
  return id;
}

void Drainer::discard(ThreadBuffer& buffer) {
  // Cold records own heap objects: walk them so nothing leaks.
  std::uint64_t head = buffer.head();
  for (std::uint64_t at = buffer.tail(); at < head;) {
    Meta m = unpack_meta(buffer.word(at + 1));
    if (m.kind == HotKind::cold)
      delete reinterpret_cast<ColdEvent*>(buffer.word(at + kHeaderWords));
    at += record_words(m);
  }
  buffer.take_dropped();
  buffer.release(head);
}

format::StackId Drainer::stack_at(ThreadBuffer& buffer, std::uint64_t at, unsigned frames,
                                  unsigned awaiters) {
  const unsigned n = frames + awaiters;
  if (n == 0) return 0;
  std::uint64_t hash = 0x9e3779b97f4a7c15ull * (frames * 256 + awaiters + 1);
  for (unsigned i = 0; i < n; ++i) {
    scratch_[i] = buffer.word(at + i);
    hash = (hash ^ scratch_[i]) * 0xff51afd7ed558ccdull;
  }
  hash ^= hash >> 29;
  if (n > kCachedWords) return definitions_.stack(scratch_, frames, scratch_ + frames, awaiters);
  CachedStack& c = stack_cache_[hash % kStackCacheSize];
  if (c.id != 0 && c.hash == hash && c.frames == frames && c.awaiters == awaiters) {
    // A loop, not std::equal: that is a memcmp call, longer than the few words compared.
    unsigned i = 0;
    while (i < n && scratch_[i] == c.words[i]) ++i;
    if (i == n) return c.id;
  }
  format::StackId id = definitions_.stack(scratch_, frames, scratch_ + frames, awaiters);
  c.hash = hash;
  c.id = id;
  c.frames = frames;
  c.awaiters = awaiters;
  std::memcpy(c.words, scratch_, 8 * n);
  return id;
}

void Drainer::mark_spawned(std::uint64_t task) {
  if (task < first_task_) return;
  std::uint64_t i = task - first_task_;
  if (i >= kMaxGatedTasks) return;
  if (i / 64 >= spawned_.size()) spawned_.resize(std::max(i / 64 + 1, 2 * spawned_.size()));
  spawned_[i / 64] |= std::uint64_t{1} << (i % 64);
}

bool Drainer::keep_waiting(const ThreadBuffer& buffer, std::uint64_t at, Wait wait) {
  if (wait == Wait::never) return false;
  std::uint64_t now = monotonic_ns();
  Holding& h = holding_[&buffer];
  if (h.since_ns == 0 || h.at != at) h = Holding{at, now};
  std::uint64_t waited = now - h.since_ns;
  const std::uint64_t fill = buffer.head() - buffer.tail();
  return (waited < kHoldNs && fill < buffer.capacity() / 2) ||
         (waited < kLongHoldNs && fill < buffer.capacity() / kHoldFill);
}

std::uint64_t Drainer::drain(ThreadBuffer& buffer, format::ChunkEncoder& out, Wait wait) {
  std::uint64_t head = buffer.head();
  const std::uint64_t tail = buffer.tail();
  std::uint64_t at = tail;
  std::uint64_t known_task = 0;  // the last task seen spawned: most events repeat it
  while (at < head) {
    const std::uint64_t header = buffer.word(at + 1);
    const Meta m = unpack_meta(header);
    const std::uint64_t task = task_of(header);
    scratch_[0] = 0;
    if (m.kind == HotKind::spawn) {
      if (buffer.word(at + kHeaderWords + 1) == 0) {
        std::optional<std::uint64_t> name = pending_names().take(task);
        if (!name) {
          if (wait == Wait::normal && keep_waiting(buffer, at, wait)) break;  // for the name
          name = 0;
        }
        // The name travels in the record's own word so convert() sees it.
        scratch_[0] = *name;
      }
      mark_spawned(task);
      known_task = task;
    } else if (std::uint64_t of = m.kind == HotKind::cold ? cold_task(buffer, at) : task;
               of != known_task && of != 0) {
      if (!spawned(of) && keep_waiting(buffer, at, wait)) break;  // for its spawn
      known_task = of;
    }
    convert(buffer, at, out);
    at += record_words(m);
  }
  if (at == head) holding_.erase(&buffer);
  buffer.release(at);
  return at - tail;
}

void Drainer::convert(ThreadBuffer& b, std::uint64_t at, format::ChunkEncoder& out) {
  const std::uint64_t settled_name = scratch_[0];
  const std::uint64_t time = clock_.to_trace_ns(b.word(at));
  const std::uint64_t task = task_of(b.word(at + 1));
  const Meta m = unpack_meta(b.word(at + 1));
  const std::uint64_t p = at + kHeaderWords;  // payload
  const std::uint64_t s = p + m.payload;      // stack
  auto str = [&](std::uint64_t i) { return reinterpret_cast<const char*>(b.word(i)); };
  switch (m.kind) {
    case HotKind::spawn: {
      auto e = event_at<format::TaskSpawn>(time, task);
      e.parent = b.word(p);
      std::uint64_t name = b.word(p + 1) != 0 ? b.word(p + 1) : settled_name;
      e.name = function_name(name);
      e.location =
          definitions_.location(str(p + 2), str(p + 3), static_cast<std::uint32_t>(b.word(p + 4)));
      e.stack = stack_at(b, s, m.frames, m.awaiters);
      out.add(e);
      break;
    }
    case HotKind::wake:
      out.add_task_event(format::RecordKind::task_wake, time, task);
      break;
    case HotKind::resume:
      if (m.aux != 0) out.add_task_event(format::RecordKind::task_wake, time, task);
      out.add_task_event(format::RecordKind::task_resume, time, task);
      break;
    case HotKind::resume_end:
      out.add_task_event(format::RecordKind::resume_end, time, task);
      break;
    case HotKind::suspend: {
      const format::LocationId location =
          m.payload < 5 ? 0
                        : definitions_.location(str(p + 2), str(p + 3),
                                                static_cast<std::uint32_t>(b.word(p + 4)));
      out.add_suspend(time, task, operation(str(p), str(p + 1)), location,
                      stack_at(b, s, m.frames, m.awaiters));
      if (m.aux & kEndsResume) out.add_task_event(format::RecordKind::resume_end, time, task);
      if (m.aux & kWoken) out.add_task_event(format::RecordKind::task_wake, time, task);
      break;
    }
    case HotKind::complete: {
      auto e = event_at<format::TaskComplete>(time, task);
      e.status = static_cast<format::CompletionStatus>(m.aux);
      out.add(e);
      break;
    }
    case HotKind::handler_destroyed: {
      auto e = event_at<format::HandlerDestroyed>(time, task);
      e.operation = operation(str(p), str(p + 1));
      out.add(e);
      break;
    }
    case HotKind::lost: {
      auto e = event_at<format::LostTask>(time, task);
      e.reason = static_cast<format::LostReason>(m.aux);
      e.stack = stack_at(b, s, m.frames, m.awaiters);
      out.add(e);
      break;
    }
    case HotKind::cold: {
      std::unique_ptr<ColdEvent> cold(reinterpret_cast<ColdEvent*>(b.word(p)));
      if (cold->keep != nullptr && !cold->keep(cold->keep_arg, cold->stack)) break;
      std::visit(
          [time](auto& r) {
            if constexpr (std::is_base_of_v<format::EventBase, std::decay_t<decltype(r)>>)
              r.time = time;
          },
          cold->record);
      if (cold->has_stack)
        set_stack(cold->record, definitions_.stack(cold->stack.frame, cold->stack.frames,
                                                   cold->stack.awaiter, cold->stack.awaiters));
      if (format::is_event(cold->record))
        out.add(cold->record);
      else
        definitions_.add(std::move(cold->record));
      break;
    }
  }
}

}  // namespace coscope::tracer::detail
