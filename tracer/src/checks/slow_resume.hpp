// Slow resumes (Seastar's stall detector): each thread publishes when its current resume
// began; a watchdog thread signals a thread whose resume passed COSCOPE_SLOW_MS, and the
// signal handler samples that thread's stack with unw_backtrace (async-signal-safe). When the
// resume ends, the thread records a slow-resume finding: its duration and the sampled stack.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>

#include "checks.hpp"

namespace coscope::checks {

// One thread's resume, read by the watchdog and written by the thread and its signal handler.
struct ResumeSlot {
  std::atomic<std::uint64_t> started{0};     // ticks at the outermost resume's start; 0 outside
  std::atomic<std::uint64_t> sequence{0};    // resumes begun on this thread
  std::atomic<std::uint64_t> sample_for{0};  // the sequence a sample was asked for
  std::atomic<std::uint64_t> sampled{0};     // the sequence the sample below belongs to
  std::atomic<tracer::TaskId> task{0};
  std::atomic<bool> in_use{false};
  // > 0 while the thread is inside an interposed blocking call: the watchdog does not signal
  // it (a signal would cut a sleep short) and the blocking call's stack serves as the sample.
  std::atomic<int> blocked{0};
  unsigned long thread = 0;  // pthread_t
  int tid = 0;               // the kernel's id of the thread, for its scheduler statistics
  // The time the thread had waited for a CPU (run queue) when the watchdog first saw resume
  // `baseline_for` running: a resume stretched by preemption is not the task's doing.
  std::atomic<std::uint64_t> baseline_wait_ns{0};
  std::atomic<std::uint64_t> baseline_for{0};
  int frames = 0;
  std::uint64_t frame[tracer::RawStack::kMaxFrames];
  std::atomic<ResumeSlot*> next{nullptr};  // all slots ever made, a lock-free list
};

std::uint64_t ticks() noexcept;
// Nanoseconds thread `tid` (0: the calling thread) has waited on a run queue since it
// started, from the kernel's schedstat; 0 when unknown. System calls only: callable from the
// hooks without recursing into the interposed functions.
std::uint64_t run_queue_wait_ns(int tid) noexcept;
// Nanoseconds per tick (0 until calibrated by the watchdog's first rounds).
double ns_per_tick() noexcept;
// The slow-resume threshold in ticks, set with the tick rate; 0 until then. Every resume's end
// compares with it: an integer compare, not a conversion to nanoseconds.
extern std::atomic<std::uint64_t> g_slow_ticks;

void start_watchdog() noexcept;
ResumeSlot* first_slot() noexcept;
// Records a slow-resume finding for a resume still running (at stop, on a crash).
void record_stuck_resumes() noexcept;

}  // namespace coscope::checks

namespace coscope::checks {
// The calling thread's slot (nullptr before its first resume); async-signal-safe.
ResumeSlot* this_thread_slot() noexcept;
// Held while slots are given back: a slot's thread is alive while it is held.
std::mutex& slots_mutex() noexcept;
}  // namespace coscope::checks
