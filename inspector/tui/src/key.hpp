// Keys as the UI sees them: printable characters are their code, special keys are constants
// above the Unicode range, so the key table and tests need no ncurses.
#pragma once

#include <string>

#include "glyphs.hpp"

namespace coscope::tui {

using Key = int;

namespace keys {
inline constexpr Key none = -1;
inline constexpr Key tab = '\t';
inline constexpr Key enter = '\n';
inline constexpr Key escape = 27;
inline constexpr Key ctrl_c = 3;
inline constexpr Key special = 0x110000;
inline constexpr Key up = special + 1;
inline constexpr Key down = special + 2;
inline constexpr Key left = special + 3;
inline constexpr Key right = special + 4;
inline constexpr Key page_up = special + 5;
inline constexpr Key page_down = special + 6;
inline constexpr Key home = special + 7;
inline constexpr Key end = special + 8;
inline constexpr Key backspace = special + 9;
inline constexpr Key back_tab = special + 10;
inline constexpr Key resize = special + 11;
}  // namespace keys

// How the footer and help spell a key: "↑" or "Up", "PgDn", "space", "q".
std::string key_name(Key key, const Glyphs& glyphs);

}  // namespace coscope::tui
