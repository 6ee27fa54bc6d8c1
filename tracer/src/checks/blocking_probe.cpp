#include "blocking_probe.hpp"

#include <fcntl.h>
#include <time.h>

#include "../running_stack.hpp"
#include "../session.hpp"
#include "allow_list.hpp"
#include "foreign_callers.hpp"
#include "slow_resume.hpp"

namespace coscope::checks {
namespace {

// This thread's recent findings: an identical one (same task, function and call site) within
// a second is not recorded again, so a blocking loop does not flood the trace, also when tasks
// take turns on the thread. The oldest of kRecent is forgotten first.
struct RecentFinding {
  tracer::TaskId task = 0;
  const char* function = nullptr;
  const void* caller = nullptr;
  std::uint64_t at_ns = 0;
};
constexpr int kRecent = 8;
struct RecentFindings {
  RecentFinding entries[kRecent];
  int next = 0;
};
constinit thread_local RecentFindings t_recent;
constexpr std::uint64_t kRepeatWindowNs = 1'000'000'000;

bool repeated(tracer::TaskId task, const char* function, const void* caller,
              std::uint64_t at_ns) noexcept {
  RecentFindings& recent = t_recent;
  for (RecentFinding& e : recent.entries) {
    if (e.task != task || e.function != function || e.caller != caller) continue;
    if (at_ns - e.at_ns < kRepeatWindowNs) return true;
    e.at_ns = at_ns;
    return false;
  }
  recent.entries[recent.next] = RecentFinding{task, function, caller, at_ns};
  recent.next = (recent.next + 1) % kRecent;
  return false;
}

}  // namespace

void* pass_through_slow(const char* name, std::atomic<void*>& slot) noexcept {
  void* next = next_symbol<void>(name, slot);
  return watching(kBlocking) ? nullptr : next;
}

std::uint64_t now_ns() noexcept {
  timespec ts{};
  ::clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<std::uint64_t>(ts.tv_sec) * 1'000'000'000u +
         static_cast<std::uint64_t>(ts.tv_nsec);
}

bool blocking_descriptor(int fd) noexcept {
  int flags = ::fcntl(fd, F_GETFL);
  return flags != -1 && (flags & O_NONBLOCK) == 0;
}

void BlockingProbe::arm() noexcept {
  if (called_by_tracer_dependency(caller_)) [[unlikely]] {  // see foreign_callers.hpp
    function_ = nullptr;
    return;
  }
  start_ = now_ns();
  slot_ = this_thread_slot();
  if (slot_ != nullptr) slot_->blocked.fetch_add(1, std::memory_order_relaxed);
}

void BlockingProbe::disarm() noexcept {
  function_ = nullptr;
  if (slot_ != nullptr) slot_->blocked.fetch_sub(1, std::memory_order_relaxed);
  slot_ = nullptr;
}

// A resume that turns slow while blocked has no sample (see ResumeSlot::blocked): the
// blocking call's stack is where it was stuck.
void offer_sample(ResumeSlot* slot, const tracer::RawStack& stack) noexcept {
  if (slot == nullptr || slot->started.load(std::memory_order_relaxed) == 0) return;
  std::uint64_t sequence = slot->sequence.load(std::memory_order_relaxed);
  if (slot->sampled.load(std::memory_order_relaxed) == sequence) return;
  for (int i = 0; i < stack.frames; ++i) slot->frame[i] = stack.frame[i];
  slot->frames = stack.frames;
  slot->sampled.store(sequence, std::memory_order_release);
}

void BlockingProbe::record() noexcept {
  if (!tracer::active()) return disarm();
  Quiet quiet;
  std::uint64_t end = now_ns();
  tracer::detail::catch_up_running();
  if (tracer::detail::running_off_loop()) return disarm();  // offloaded work may block
  tracer::TaskId task = tracer::current_task();
  if (repeated(task, function_, caller_, end)) return disarm();
  tracer::RawStack stack;
  capture_from(stack, caller_);
  offer_sample(slot_, stack);
  const char* function = function_;
  disarm();
  if (stack.frames > 0 && caller_known_internal(stack.frame[0])) return;
  format::BlockingCall finding;
  finding.task = task;
  finding.function = tracer::intern(function);
  finding.duration_ns = end - start_;
  // Whether it is allowed (Asio's or the tracer's own call, a COSCOPE_ALLOW rule) takes
  // symbols: the writer decides, off this thread, which may hold the program's locks.
  tracer::detail::emit_unless_dropped(std::move(finding), stack,
                                      tracer::stack_mode() != StackMode::off,
                                      &keep_blocking_finding, function);
}

}  // namespace coscope::checks
