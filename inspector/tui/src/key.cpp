#include "key.hpp"

namespace coscope::tui {

std::string key_name(Key key, const Glyphs& glyphs) {
  switch (key) {
    case keys::tab:
      return "Tab";
    case keys::enter:
      return std::string(glyphs.enter);
    case keys::escape:
      return "Esc";
    case keys::ctrl_c:
      return "^C";
    case keys::up:
      return std::string(glyphs.up);
    case keys::down:
      return std::string(glyphs.down);
    case keys::left:
      return std::string(glyphs.left);
    case keys::right:
      return std::string(glyphs.right);
    case keys::page_up:
      return "PgUp";
    case keys::page_down:
      return "PgDn";
    case keys::home:
      return "Home";
    case keys::end:
      return "End";
    case keys::backspace:
      return "Bksp";
    case keys::back_tab:
      return "S-Tab";
    case ' ':
      return "space";
    default:
      break;
  }
  if (key > ' ' && key < 127) return std::string(1, static_cast<char>(key));
  return "?";
}

}  // namespace coscope::tui
