// Text helpers for a cell grid: display width, fitting into columns, times and durations.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "glyphs.hpp"

namespace coscope::tui {

using Nanos = std::uint64_t;

// Columns the text takes: one per code point (every glyph the UI draws is one column wide;
// names from traces are shown as they come).
std::size_t display_width(std::string_view text);

enum class Align : std::uint8_t { left, right };

// Exactly `width` columns: cut with an ellipsis when too long, padded with spaces otherwise.
std::string fit(std::string_view text, std::size_t width, const Glyphs& glyphs,
                Align align = Align::left);
// At most `width` columns (cut with an ellipsis), never padded.
std::string clip(std::string_view text, std::size_t width, const Glyphs& glyphs);

// "0", "950ns", "12.3µs", "4.56ms", "1.23s", "2m03s": three significant digits, short.
std::string format_duration(Nanos ns, const Glyphs& glyphs);

// A time typed by the user: a number with a unit (ns, us, µs, ms, s, m), a bare number of
// seconds, or a percentage of `duration` ("50%"); a leading + or - makes it relative to
// `now`. Clamped at 0. Empty on bad input.
std::optional<Nanos> parse_time(std::string_view text, Nanos now, Nanos duration = 0);

}  // namespace coscope::tui
