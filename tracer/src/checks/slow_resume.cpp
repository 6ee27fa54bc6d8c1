#include "slow_resume.hpp"

#include <pthread.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <mutex>

#include "../clock.hpp"
#include "../crash/flight_recorder.hpp"
#include "../running_stack.hpp"
#include "../small_file.hpp"
#include "hooks.hpp"

namespace coscope::checks {
namespace {

std::atomic<ResumeSlot*> g_slots{nullptr};
std::mutex g_slots_mutex;  // taking and giving back slots only

constinit thread_local ResumeSlot* t_slot = nullptr;

// Gives the slot back when the thread exits (a separate object: t_slot stays trivial, so
// the hot path reads it without a TLS wrapper call).
struct SlotReturner {
  ResumeSlot* slot = nullptr;
  ~SlotReturner() {
    Quiet quiet;
    std::lock_guard lock(g_slots_mutex);  // the watchdog signals threads under this lock
    t_slot = nullptr;
    if (slot != nullptr) {
      slot->started.store(0);
      slot->in_use.store(false, std::memory_order_release);
    }
  }
};
thread_local SlotReturner t_returner;

ResumeSlot* take_slot() noexcept {
  Quiet quiet;
  std::lock_guard lock(g_slots_mutex);
  for (ResumeSlot* s = g_slots.load(); s != nullptr; s = s->next.load()) {
    if (!s->in_use.load()) {
      s->in_use.store(true);
      s->thread = pthread_self();
      s->tid = static_cast<int>(::syscall(SYS_gettid));
      return s;
    }
  }
  auto* s = new (std::nothrow) ResumeSlot;  // leaked: the watchdog may read it at any time
  if (s == nullptr) return nullptr;
  s->in_use.store(true);
  s->thread = pthread_self();
  s->tid = static_cast<int>(::syscall(SYS_gettid));
  s->next.store(g_slots.load());
  g_slots.store(s, std::memory_order_release);
  return s;
}

ResumeSlot* my_slot() noexcept {
  if (t_slot != nullptr) return t_slot;
  ResumeSlot* s = take_slot();
  if (s == nullptr) return nullptr;
  t_slot = s;
  t_returner.slot = s;
  return s;
}

std::uint64_t elapsed_ns(std::uint64_t from, std::uint64_t to) {
  return static_cast<std::uint64_t>(static_cast<double>(to - from) * ns_per_tick());
}

void record_slow(const ResumeSlot& s, std::uint64_t sequence, tracer::TaskId task,
                 std::uint64_t duration) noexcept {
  Quiet quiet;
  tracer::RawStack stack;
  stack.frames = 0;
  if (s.sampled.load(std::memory_order_acquire) == sequence) {
    for (int i = 0; i < s.frames; ++i) stack.frame[i] = s.frame[i];
    stack.frames = static_cast<std::uint8_t>(s.frames);
  }
  stack.awaiters = 0;
  if (&s == t_slot) tracer::capture_awaiters(stack);
  format::SlowResume finding;
  finding.task = task;
  finding.duration_ns = duration;
  bool with_stack = stack.frames + stack.awaiters > 0 && tracer::stack_mode() != StackMode::off;
  tracer::emit(std::move(finding), with_stack ? &stack : nullptr);
}

}  // namespace

ResumeSlot* this_thread_slot() noexcept {
  return t_slot;
}

std::mutex& slots_mutex() noexcept {
  return g_slots_mutex;
}

ResumeSlot* first_slot() noexcept {
  return g_slots.load(std::memory_order_acquire);
}

std::uint64_t ticks() noexcept {
#if defined(__x86_64__) || defined(__i386__)
  return tracer::detail::read_ticks();
#else
  return tracer::detail::monotonic_ns();
#endif
}

// Called at every resume's begin and end: plain stores where only this thread writes (the
// watchdog reads), the clock read by the recorder for the same event when it gives it, and
// an atomic exchange only for a resume found slow (record_stuck_resumes() may take it too).
void slow_watch_begin(tracer::TaskId task, std::uint64_t now_ticks) noexcept {
  if (!tracer::active() || tracer::detail::running_off_loop()) return;
  ResumeSlot* s = t_slot;
  if (s == nullptr) [[unlikely]] {
    if ((s = my_slot()) == nullptr) return;
    start_watchdog();
    if (config().enabled & kCrash) crash::install_crash_handlers();  // sessions started in code
  }
  s->task.store(task, std::memory_order_relaxed);
  s->sequence.store(s->sequence.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
  s->started.store(now_ticks != 0 ? now_ticks : ticks(), std::memory_order_release);
}

std::uint64_t run_queue_wait_ns(int tid) noexcept {
  char path[64];
  if (tid == 0)
    std::snprintf(path, sizeof path, "/proc/thread-self/schedstat");
  else
    std::snprintf(path, sizeof path, "/proc/self/task/%d/schedstat", tid);
  char text[96];
  if (!tracer::detail::read_small_file(path, text, sizeof text)) return 0;
  // "<ns on a CPU> <ns waiting on a run queue> <time slices>"
  char* end = nullptr;
  (void)std::strtoull(text, &end, 10);
  return end == text ? 0 : std::strtoull(end, nullptr, 10);
}

// How long the resume `sequence` of this thread spent waiting for a CPU since the watchdog
// first saw it, when it did.
std::uint64_t preempted_ns(const ResumeSlot& s, std::uint64_t sequence) noexcept {
  if (s.baseline_for.load(std::memory_order_acquire) != sequence) return 0;
  const std::uint64_t before = s.baseline_wait_ns.load(std::memory_order_relaxed);
  const std::uint64_t now = run_queue_wait_ns(0);
  return now > before ? now - before : 0;
}

void slow_watch_end(tracer::TaskId task, std::uint64_t now_ticks) noexcept {
  ResumeSlot* s = t_slot;
  if (s == nullptr) return;
  std::uint64_t started = s->started.load(std::memory_order_relaxed);
  if (started == 0) return;
  const std::uint64_t threshold = g_slow_ticks.load(std::memory_order_relaxed);
  const std::uint64_t now = now_ticks != 0 ? now_ticks : ticks();
  if (threshold == 0 || now - started < threshold || !tracer::active()) {
    s->started.store(0, std::memory_order_relaxed);
    return;
  }
  if (s->started.exchange(0, std::memory_order_acq_rel) == 0) return;  // recorded at stop
  const std::uint64_t sequence = s->sequence.load(std::memory_order_relaxed);
  const std::uint64_t duration = elapsed_ns(started, now);
  // Long only because other threads had the CPU (a loaded machine, more busy threads than
  // cores): the task's code did not stall the loop, the machine did.
  if (duration - std::min(duration, preempted_ns(*s, sequence)) < config().slow_ns) return;
  record_slow(*s, sequence, task, duration);
}

void record_stuck_resumes() noexcept {
  if (ns_per_tick() == 0) return;
  std::uint64_t now = ticks();
  for (ResumeSlot* s = first_slot(); s != nullptr; s = s->next.load()) {
    std::uint64_t started = s->started.exchange(0, std::memory_order_acq_rel);
    if (started == 0 || !s->in_use.load()) continue;
    std::uint64_t duration = elapsed_ns(started, now);
    if (duration >= config().slow_ns) record_slow(*s, s->sequence.load(), s->task.load(), duration);
  }
}

}  // namespace coscope::checks
