#include "glyphs.hpp"

#include <strings.h>
#include <cstring>

namespace coscope::tui {

const Glyphs& unicode_glyphs() {
  static const Glyphs glyphs{
      .unicode = true,
      .ellipsis = "…",
      .eighths = {" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"},
      .full = "█",
      .hline = "─",
      .vline = "│",
      .tree_branch = "├─ ",
      .tree_last = "└─ ",
      .tree_pipe = "│  ",
      .tree_space = "   ",
      .finding = "▲",
      .caret = "▲",
      .sort_ascending = "▲",
      .sort_descending = "▼",
      .playing = "▶",
      .paused = "‖",
      .micro = "µs",
      .up = "↑",
      .down = "↓",
      .left = "←",
      .right = "→",
      .enter = "↵",
  };
  return glyphs;
}

const Glyphs& ascii_glyphs() {
  static const Glyphs glyphs{
      .unicode = false,
      .ellipsis = "~",
      .eighths = {" ", ".", ".", "_", "-", "=", "+", "*", "#"},
      .full = "#",
      .hline = "-",
      .vline = "|",
      .tree_branch = "|- ",
      .tree_last = "`- ",
      .tree_pipe = "|  ",
      .tree_space = "   ",
      .finding = "!",
      .caret = "^",
      .sort_ascending = "^",
      .sort_descending = "v",
      .playing = ">",
      .paused = "||",
      .micro = "us",
      .up = "Up",
      .down = "Down",
      .left = "Left",
      .right = "Right",
      .enter = "Enter",
  };
  return glyphs;
}

const Glyphs& choose_glyphs(const char* codeset, const char* coscope_ascii) {
  const bool ascii_asked =
      coscope_ascii != nullptr && coscope_ascii[0] != '\0' && std::strcmp(coscope_ascii, "0") != 0;
  const bool utf8 =
      codeset != nullptr && (strcasecmp(codeset, "UTF-8") == 0 || strcasecmp(codeset, "utf8") == 0);
  return utf8 && !ascii_asked ? unicode_glyphs() : ascii_glyphs();
}

}  // namespace coscope::tui
