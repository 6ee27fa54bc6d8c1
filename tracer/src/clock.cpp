#include "clock.hpp"

#include <time.h>

namespace coscope::tracer::detail {

std::uint64_t monotonic_ns() noexcept {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<std::uint64_t>(ts.tv_sec) * 1'000'000'000u +
         static_cast<std::uint64_t>(ts.tv_nsec);
}

void Clock::start() {
  start_ticks_ = read_ticks();
  start_ns_ = monotonic_ns();
}

bool Clock::calibrate(bool now) {
  if (calibrated()) return true;
  // Over 3 ms or more the rate is within ~0.01 % of CLOCK_MONOTONIC's.
  constexpr std::uint64_t kMinimumNs = 3'000'000;
  std::uint64_t ticks = read_ticks();
  std::uint64_t ns = monotonic_ns();
  if (!now && ns - start_ns_ < kMinimumNs) return false;
  ns_per_tick_ =
      ticks > start_ticks_ && ns > start_ns_
          ? static_cast<double>(ns - start_ns_) / static_cast<double>(ticks - start_ticks_)
          : 1.0;
  return true;
}

}  // namespace coscope::tracer::detail
