// Event timestamps: the hot path reads the CPU's time-stamp counter (≈10 ns, where
// clock_gettime through kvm-clock costs ≈26 ns); the writer converts to CLOCK_MONOTONIC
// nanoseconds with one linear function calibrated at start. One function, never refined:
// events of different threads drained in different rounds must keep their true order, which
// a refined rate would break (a 0.01 % change moves an event 10 µs after 100 ms).
#pragma once

#include <cstdint>

namespace coscope::tracer::detail {

[[gnu::always_inline]] inline std::uint64_t read_ticks() noexcept {
#if defined(__x86_64__) || defined(__i386__)
  return __builtin_ia32_rdtsc();
#else
  return 0;  // replaced by monotonic_ns() in ticks_are_ns mode, see Clock::ticks_are_ns
#endif
}

std::uint64_t monotonic_ns() noexcept;

// Ticks and CLOCK_MONOTONIC nanoseconds of one instant, for calibrating one against the other:
// a thread preempted between two reads would pair times milliseconds apart and skew every
// duration by as much (seen: a 20 ms sleep measured shorter on a loaded machine). Retried
// until the pair is read within a few microseconds; the tightest of a few tries otherwise.
struct ClockPair {
  std::uint64_t ticks = 0;
  std::uint64_t ns = 0;
};
ClockPair read_clock_pair() noexcept;

// Maps ticks to nanoseconds since the trace's start. start() is called once before recording
// begins; calibrate() measures the tick rate once enough time has passed, after which
// to_trace_ns() is a pure function. Calibrating later, not by sleeping in start(), keeps the
// traced program from waiting 3 ms at start-up; events wait in the rings meanwhile.
class Clock {
 public:
  void start();
  // True once calibrated: at the first call ≥ 3 ms after start(), or at once with `now`
  // (the trace ends sooner: its few milliseconds need less precision).
  bool calibrate(bool now = false);
  bool calibrated() const { return ns_per_tick_ > 0; }
  std::uint64_t start_monotonic_ns() const { return start_ns_; }
  // Inline: the writer converts every event.
  std::uint64_t to_trace_ns(std::uint64_t ticks) const {
    if (ticks <= start_ticks_) return 0;
    return static_cast<std::uint64_t>(static_cast<double>(ticks - start_ticks_) * ns_per_tick_);
  }

 private:
  std::uint64_t start_ticks_ = 0;
  std::uint64_t start_ns_ = 0;
  double ns_per_tick_ = 0;  // 0: not calibrated yet
};

}  // namespace coscope::tracer::detail
