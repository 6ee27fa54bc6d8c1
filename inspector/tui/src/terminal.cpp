#include "terminal.hpp"

#include <ncurses.h>

#include <cstdlib>
#include <exception>

#include "text.hpp"

namespace coscope::tui {
namespace {

volatile std::sig_atomic_t g_stop_signal = 0;
constexpr int kSignals[3] = {SIGINT, SIGTERM, SIGHUP};

// Only records the signal: the main loop polls it within one read timeout and unwinds
// normally, so the terminal is restored by the destructor, not from a signal handler.
extern "C" void on_stop_signal(int signal) {
  g_stop_signal = signal;
}

// If something calls std::terminate while the UI is up, leave the terminal usable.
[[noreturn]] void restore_and_abort() {
  endwin();
  std::abort();
}

attr_t attributes(Style style, bool color) {
  // Colour pairs are numbered by style (pair 0 is the terminal's default).
  const auto pair = [&](Style s) { return color ? COLOR_PAIR(static_cast<int>(s)) : 0; };
  switch (style) {
    case Style::normal:
      return A_NORMAL;
    case Style::dim:
      return A_DIM;
    case Style::bold:
      return A_BOLD;
    case Style::title:
      return color ? pair(style) : A_REVERSE;
    case Style::header:
      return A_BOLD | A_UNDERLINE;
    case Style::selected:
      return A_REVERSE;
    case Style::cursor:
      return A_REVERSE | A_BOLD | pair(style);
    case Style::key:
      return A_BOLD | pair(style);
    case Style::running:
      return A_BOLD | pair(style);
    case Style::scheduled:
      return pair(style);
    case Style::suspended:
      return pair(style);
    case Style::done:
      return color ? pair(style) : A_DIM;
    case Style::failed:
      return A_BOLD | pair(style);
    case Style::warning:
      return A_BOLD | pair(style);
    case Style::note:
      return pair(style);
    case Style::activity:
      return pair(style);
    case Style::prompt:
      return A_BOLD | pair(style);
  }
  return A_NORMAL;
}

void init_colors() {
  start_color();
  use_default_colors();
  const auto set = [](Style style, short fg, short bg) {
    init_pair(static_cast<short>(style), fg, bg);
  };
  set(Style::title, COLOR_BLACK, COLOR_CYAN);
  set(Style::cursor, COLOR_YELLOW, -1);
  set(Style::key, COLOR_CYAN, -1);
  set(Style::running, COLOR_GREEN, -1);
  set(Style::scheduled, COLOR_YELLOW, -1);
  set(Style::suspended, COLOR_BLUE, -1);
  set(Style::done, COLOR_WHITE, -1);
  set(Style::failed, COLOR_RED, -1);
  set(Style::warning, COLOR_RED, -1);
  set(Style::note, COLOR_MAGENTA, -1);
  set(Style::activity, COLOR_GREEN, -1);
  set(Style::prompt, COLOR_YELLOW, -1);
}

Key translate(int status, wint_t ch) {
  if (status == KEY_CODE_YES) {
    switch (ch) {
      case KEY_UP:
        return keys::up;
      case KEY_DOWN:
        return keys::down;
      case KEY_LEFT:
        return keys::left;
      case KEY_RIGHT:
        return keys::right;
      case KEY_PPAGE:
        return keys::page_up;
      case KEY_NPAGE:
        return keys::page_down;
      case KEY_HOME:
        return keys::home;
      case KEY_END:
        return keys::end;
      case KEY_BACKSPACE:
        return keys::backspace;
      case KEY_BTAB:
        return keys::back_tab;
      case KEY_ENTER:
        return keys::enter;
      case KEY_RESIZE:
        return keys::resize;
      default:
        return keys::none;
    }
  }
  if (ch == '\r') return keys::enter;
  if (ch == 127 || ch == 8) return keys::backspace;
  return static_cast<Key>(ch);
}

}  // namespace

Terminal::Terminal(TerminalOptions options) : options_(options) {
  g_stop_signal = 0;
  struct sigaction action {};
  action.sa_handler = on_stop_signal;
  sigemptyset(&action.sa_mask);
  for (int i = 0; i < 3; ++i) sigaction(kSignals[i], &action, &previous_[i]);
  std::set_terminate(restore_and_abort);
  initscr();
  cbreak();
  noecho();
  nonl();
  keypad(stdscr, TRUE);
  set_escdelay(25);
  curs_set(0);
  if (options_.color && has_colors())
    init_colors();
  else
    options_.color = false;
  // initscr installs its own SIGINT/SIGTERM handlers that end the program; ours come back.
  for (int signal : kSignals) sigaction(signal, &action, nullptr);
}

Terminal::~Terminal() {
  endwin();
  for (int i = 0; i < 3; ++i) sigaction(kSignals[i], &previous_[i], nullptr);
}

Size Terminal::size() const {
  int height = 0, width = 0;
  getmaxyx(stdscr, height, width);
  return {static_cast<std::size_t>(width), static_cast<std::size_t>(height)};
}

int Terminal::stop_signal() const {
  return g_stop_signal;
}

Key Terminal::read_key(int timeout_ms) {
  if (g_stop_signal != 0) return keys::none;
  timeout(timeout_ms);
  wint_t ch = 0;
  const int status = get_wch(&ch);
  if (status == ERR) return keys::none;
  return translate(status, ch);
}

void Terminal::paint(const Rows& rows, const Glyphs& glyphs) {
  const Size screen = size();
  for (std::size_t y = 0; y < screen.height && y < rows.size(); ++y) {
    const Row& row = rows[y];
    move(static_cast<int>(y), 0);
    std::size_t left = screen.width;
    // Writing the last cell of the last row would scroll some terminals: leave it.
    if (y + 1 == screen.height && left > 0) --left;
    for (const Span& span : row.spans) {
      if (left == 0) break;
      const std::string text = clip(span.text, left, glyphs);
      attrset(attributes(row.fill ? row.fill_style : span.style, options_.color));
      addnstr(text.c_str(), static_cast<int>(text.size()));
      left -= display_width(text);
    }
    attrset(attributes(row.fill ? row.fill_style : Style::normal, options_.color));
    if (row.fill) {
      for (; left > 0; --left) addch(' ');
    } else {
      clrtoeol();
    }
  }
  attrset(A_NORMAL);
  for (std::size_t y = rows.size(); y < screen.height; ++y) {
    move(static_cast<int>(y), 0);
    clrtoeol();
  }
  refresh();
}

}  // namespace coscope::tui
