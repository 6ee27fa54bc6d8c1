#include "playback.hpp"

#include <cmath>
#include <cstdio>

namespace coscope::tui {

int default_speed(Time duration) {
  const double wanted = static_cast<double>(duration) / 30e9;
  int best = 0;
  for (int i = 0; i < static_cast<int>(kSpeeds.size()); ++i)
    if (std::fabs(std::log(kSpeeds[i] / wanted)) < std::fabs(std::log(kSpeeds[best] / wanted)))
      best = i;
  return best;
}

std::string speed_label(int speed) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "x%g", kSpeeds[static_cast<std::size_t>(speed)]);
  return buf;
}

Time advance(Time cursor, int speed, Nanos elapsed, Time end) {
  if (cursor >= end) return end;
  const double step = static_cast<double>(elapsed) * kSpeeds[static_cast<std::size_t>(speed)];
  // At least one nanosecond, so that slow speeds still move.
  const Time delta = step < 1 ? 1 : static_cast<Time>(step);
  return end - cursor <= delta ? end : cursor + delta;
}

}  // namespace coscope::tui
