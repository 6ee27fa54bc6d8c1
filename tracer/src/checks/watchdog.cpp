// The watchdog thread of the slow-resume check, and the sampling signal's handler.
#include <pthread.h>
#include <signal.h>
#include <time.h>
#include <ucontext.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <thread>

#include "../backtrace.hpp"
#include "../clock.hpp"
#include "slow_resume.hpp"

namespace coscope::checks {

std::atomic<std::uint64_t> g_slow_ticks{0};

namespace {

std::atomic<double> g_ns_per_tick{0};
std::atomic<bool> g_started{false};
// At most this many stack samples (signals) per second, over all threads.
constexpr int kSamplesPerSecond = 20;

int sample_signal() {
  return SIGRTMIN + 5;
}

void on_sample(int, siginfo_t*, void* context) {
  int saved = errno;
  ResumeSlot* s = this_thread_slot();
  std::uint64_t want = s == nullptr ? 0 : s->sample_for.load(std::memory_order_acquire);
  if (want != 0 && want == s->sequence.load(std::memory_order_relaxed) &&
      s->started.load(std::memory_order_relaxed) != 0) {
    void* buffer[tracer::RawStack::kMaxFrames + 16];
    int n =
        tracer::detail::backtrace_here(buffer, static_cast<int>(sizeof buffer / sizeof buffer[0]));
    int first = 0;
#if defined(__x86_64__)
    // Start at the interrupted instruction: drop this handler and the signal trampoline.
    auto pc =
        reinterpret_cast<void*>(static_cast<ucontext_t*>(context)->uc_mcontext.gregs[REG_RIP]);
    while (first < n && buffer[first] != pc) ++first;
    if (first == n) first = 0;
#else
    (void)context;
#endif
    int count = 0;
    for (int i = first; i < n && count < tracer::RawStack::kMaxFrames; ++i)
      s->frame[count++] = reinterpret_cast<std::uint64_t>(buffer[i]);
    s->frames = count;
    s->sampled.store(want, std::memory_order_release);
  }
  errno = saved;
}

bool install_handler() {
  struct sigaction old {};
  if (::sigaction(sample_signal(), nullptr, &old) != 0) return false;
  if ((old.sa_flags & SA_SIGINFO) != 0 || old.sa_handler != SIG_DFL) {
    std::fprintf(stderr, "coscope: signal %d is taken; slow resumes are recorded unsampled\n",
                 sample_signal());
    return false;
  }
  struct sigaction action {};
  action.sa_sigaction = &on_sample;
  action.sa_flags = SA_SIGINFO | SA_RESTART;
  sigemptyset(&action.sa_mask);
  return ::sigaction(sample_signal(), &action, nullptr) == 0;
}

void pause_ms(int ms) {
  Quiet quiet;
  timespec ts{ms / 1000, (ms % 1000) * 1'000'000L};
  ::nanosleep(&ts, nullptr);
}

void calibrate() {
#if defined(__x86_64__) || defined(__i386__)
  const tracer::detail::ClockPair a = tracer::detail::read_clock_pair();
  pause_ms(5);
  const tracer::detail::ClockPair b = tracer::detail::read_clock_pair();
  const std::uint64_t t0 = a.ticks, n0 = a.ns, t1 = b.ticks, n1 = b.ns;
#else
  std::uint64_t t0 = ticks();
  std::uint64_t n0 = tracer::detail::monotonic_ns();
  pause_ms(5);
  std::uint64_t t1 = ticks();
  std::uint64_t n1 = tracer::detail::monotonic_ns();
#endif
  double rate = t1 > t0 ? static_cast<double>(n1 - n0) / static_cast<double>(t1 - t0) : 1.0;
  g_slow_ticks.store(std::max<std::uint64_t>(1, static_cast<std::uint64_t>(
                                                    static_cast<double>(config().slow_ns) / rate)),
                     std::memory_order_relaxed);
  g_ns_per_tick.store(rate, std::memory_order_release);
}

void watch(bool sampling) {
  calibrate();
  std::uint64_t window_start = 0;
  int samples = 0;
  for (;;) {
    std::uint64_t slow = config().slow_ns;
    int period_ms = static_cast<int>(std::clamp<std::uint64_t>(slow / 4'000'000, 1, 50));
    pause_ms(tracer::active() ? period_ms : 50);
    if (!tracer::active()) continue;
    std::uint64_t now = ticks();
    const auto period_ticks = static_cast<std::uint64_t>(period_ms * 1e6 / ns_per_tick());
    std::uint64_t now_ns = tracer::detail::monotonic_ns();
    if (now_ns - window_start >= 1'000'000'000) {
      window_start = now_ns;
      samples = 0;
    }
    std::lock_guard lock(slots_mutex());
    for (ResumeSlot* s = first_slot(); s != nullptr; s = s->next.load()) {
      std::uint64_t started = s->started.load(std::memory_order_acquire);
      if (started == 0 || now <= started || !s->in_use.load()) continue;
      std::uint64_t sequence = s->sequence.load(std::memory_order_relaxed);
      // A resume running for a round already: how long its thread has waited for a CPU so
      // far, once per resume (healthy resumes last microseconds and are never read).
      if (now - started >= period_ticks && s->baseline_for.load() != sequence) {
        s->baseline_wait_ns.store(run_queue_wait_ns(s->tid), std::memory_order_relaxed);
        s->baseline_for.store(sequence, std::memory_order_release);
      }
      if (!sampling || s->blocked.load() > 0) continue;
      if (static_cast<double>(now - started) * ns_per_tick() < static_cast<double>(slow)) continue;
      if (s->sample_for.load() == sequence || samples >= kSamplesPerSecond) continue;
      s->sample_for.store(sequence, std::memory_order_release);
      ++samples;
      ::pthread_kill(static_cast<pthread_t>(s->thread), sample_signal());
    }
  }
}

}  // namespace

double ns_per_tick() noexcept {
  return g_ns_per_tick.load(std::memory_order_relaxed);
}

void start_watchdog() noexcept {
  if (g_started.load(std::memory_order_relaxed) || g_started.exchange(true)) return;
  Quiet quiet;
  try {
    bool sampling = install_handler();
    std::thread(watch, sampling).detach();  // sleeps between rounds; ends with the process
  } catch (...) {                           // no thread: slow resumes are not recorded
  }
}

}  // namespace coscope::checks
