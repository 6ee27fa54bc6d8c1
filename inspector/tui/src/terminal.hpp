// The one place that talks to ncurses: sets the terminal up and always restores it, reads
// keys, and copies rows to the screen.
#pragma once

#include <csignal>

#include "glyphs.hpp"
#include "key.hpp"
#include "rows.hpp"
#include "views.hpp"

namespace coscope::tui {

struct TerminalOptions {
  bool color = true;  // false when NO_COLOR is set to a non-empty value
};

class Terminal {
 public:
  explicit Terminal(TerminalOptions options);
  Terminal(const Terminal&) = delete;
  Terminal& operator=(const Terminal&) = delete;
  // Restores the terminal (endwin) and the previous signal handlers.
  ~Terminal();

  Size size() const;
  // The next key, or keys::none after `timeout_ms` without one, or when a signal arrived.
  Key read_key(int timeout_ms);
  // The signal (SIGINT, SIGTERM, SIGHUP) that asked us to stop, or 0.
  int stop_signal() const;
  void paint(const Rows& rows, const Glyphs& glyphs);

 private:
  TerminalOptions options_;
  struct sigaction previous_[3];
};

}  // namespace coscope::tui
