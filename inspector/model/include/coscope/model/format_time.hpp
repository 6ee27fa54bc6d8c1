// Human-readable times and durations, shared by the CLI and the terminal UI so they agree.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "coscope/model/types.hpp"

namespace coscope::model {

// 3 significant digits with a unit: "120 ns", "85.3 us", "50.0 ms", "1.23 s", "2m05s".
std::string format_duration(Time ns);
// A trace time as seconds since the trace start: "1.234567s" (microsecond precision).
std::string format_time(Time ns);
// Parses "1.5s", "250ms", "40us", "100ns", "2m", a bare number of seconds ("1.5"), or a
// percentage of `duration` ("50%"). Returns nothing on malformed input.
std::optional<Time> parse_time(std::string_view text, Time duration);

}  // namespace coscope::model
