#include "clock.hpp"

#include <time.h>

namespace coscope::tracer::detail {

std::uint64_t monotonic_ns() noexcept {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<std::uint64_t>(ts.tv_sec) * 1'000'000'000u +
         static_cast<std::uint64_t>(ts.tv_nsec);
}

ClockPair read_clock_pair() noexcept {
  constexpr std::uint64_t kTightNs = 5'000;
  ClockPair best;
  std::uint64_t best_span = ~std::uint64_t{0};
  for (int attempt = 0; attempt < 8 && best_span > kTightNs; ++attempt) {
    const std::uint64_t before = monotonic_ns();
    const std::uint64_t ticks = read_ticks();
    const std::uint64_t after = monotonic_ns();
    if (after - before < best_span) {
      best_span = after - before;
      best = {ticks, before + (after - before) / 2};
    }
  }
  return best;
}

void Clock::start() {
  const ClockPair p = read_clock_pair();
  start_ticks_ = p.ticks;
  start_ns_ = p.ns;
}

bool Clock::calibrate(bool now) {
  if (calibrated()) return true;
  // Over 3 ms or more the rate is within ~0.01 % of CLOCK_MONOTONIC's.
  constexpr std::uint64_t kMinimumNs = 3'000'000;
  if (!now && monotonic_ns() - start_ns_ < kMinimumNs) return false;
  const ClockPair p = read_clock_pair();
  const std::uint64_t ticks = p.ticks;
  const std::uint64_t ns = p.ns;
  ns_per_tick_ =
      ticks > start_ticks_ && ns > start_ns_
          ? static_cast<double>(ns - start_ns_) / static_cast<double>(ticks - start_ticks_)
          : 1.0;
  return true;
}

}  // namespace coscope::tracer::detail
