// A program running in its own tmux server (a unique socket per session, killed at the end),
// for end-to-end tests that look at the screen the way a user does.
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace coscope::tui::testing {

// Runs `command` through /bin/sh and returns its standard output.
std::string run_command(const std::string& command);
// Wraps a string in single quotes for /bin/sh.
std::string shell_quote(const std::string& text);

class TmuxSession {
 public:
  // Starts `command` (a shell command line) in a detached window of the given size.
  TmuxSession(const std::string& command, int width, int height);
  TmuxSession(const TmuxSession&) = delete;
  TmuxSession& operator=(const TmuxSession&) = delete;
  ~TmuxSession();

  // Key names as tmux knows them ("Enter", "Escape", "Left", "C-c").
  void key(const std::string& name);
  // Literal text, typed character by character.
  void type(const std::string& text);
  void resize(int width, int height);
  // The screen as text, one string per row; with `escapes`, with its SGR colour sequences.
  std::vector<std::string> screen(bool escapes = false);
  std::string text(bool escapes = false);
  // Polls the screen until it contains every one of `needles` (true) or the timeout ends.
  bool wait_for(const std::vector<std::string>& needles,
                std::chrono::milliseconds timeout = std::chrono::seconds(15));
  // Polls until the screen no longer contains `needle`.
  bool wait_gone(const std::string& needle,
                 std::chrono::milliseconds timeout = std::chrono::seconds(15));
  // The pid of the pane's first process (the shell running the command).
  int pane_pid();

 private:
  std::string tmux(const std::string& arguments);
  std::string socket_;
};

}  // namespace coscope::tui::testing
