// The characters the UI draws with: Unicode box/block glyphs, or plain ASCII when the terminal
// cannot show them (locale not UTF-8, or COSCOPE_ASCII=1).
#pragma once

#include <array>
#include <string_view>

namespace coscope::tui {

struct Glyphs {
  bool unicode = true;
  std::string_view ellipsis;
  // Eighths of a cell, empty to full: sparklines and bar ends.
  std::array<std::string_view, 9> eighths;
  std::string_view full;  // a full cell of a bar
  std::string_view hline;
  std::string_view vline;
  std::string_view tree_branch;  // child with siblings below
  std::string_view tree_last;    // last child
  std::string_view tree_pipe;    // a parent's continuing line
  std::string_view tree_space;
  std::string_view finding;  // marks tasks and time buckets with findings
  std::string_view caret;    // under the time cursor
  std::string_view sort_ascending;
  std::string_view sort_descending;
  std::string_view playing;
  std::string_view paused;
  std::string_view micro;  // "µs" or "us"
  std::string_view up, down, left, right, enter;
};

const Glyphs& unicode_glyphs();
const Glyphs& ascii_glyphs();

// Picks the glyph set from the locale's codeset (nl_langinfo(CODESET)) and the value of
// COSCOPE_ASCII (nullptr when unset): ASCII unless the codeset is UTF-8 and COSCOPE_ASCII is
// unset, empty or "0".
const Glyphs& choose_glyphs(const char* codeset, const char* coscope_ascii);

}  // namespace coscope::tui
