// Replay: the time cursor advances at a multiple of real time.
#pragma once

#include <array>
#include <string>

#include "glyphs.hpp"
#include "text.hpp"
#include "view_state.hpp"

namespace coscope::tui {

// Trace nanoseconds per real nanosecond, in 1-2-5 steps.
inline constexpr std::array<double, 22> kSpeeds = {1e-4, 2e-4, 5e-4, 1e-3, 2e-3, 5e-3, 1e-2, 2e-2,
                                                   5e-2, 0.1,  0.2,  0.5,  1,    2,    5,    10,
                                                   20,   50,   100,  200,  500,  1000};

// The step at which the whole trace plays in about 30 seconds.
int default_speed(Time duration);

// "x0.01", "x1", "x200".
std::string speed_label(int speed);

// Where the cursor goes after `elapsed` real nanoseconds of play (not beyond `end`).
Time advance(Time cursor, int speed, Nanos elapsed, Time end);

}  // namespace coscope::tui
