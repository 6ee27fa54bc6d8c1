#include "tmux_session.hpp"

#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace coscope::tui::testing {

std::string run_command(const std::string& command) {
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) throw std::runtime_error("cannot run: " + command);
  std::string out;
  char buffer[4096];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  ::pclose(pipe);
  return out;
}

std::string shell_quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'')
      out += "'\\''";
    else
      out += c;
  }
  return out + "'";
}

TmuxSession::TmuxSession(const std::string& command, int width, int height) {
  static std::atomic<int> counter{0};
  socket_ = "coscope-tui-e2e-" + std::to_string(::getpid()) + "-" + std::to_string(++counter);
  // -f /dev/null: no user configuration; UTF-8 forced (-u) since the only locale is C.UTF-8.
  run_command("tmux -u -L " + socket_ + " -f /dev/null new-session -d -x " + std::to_string(width) +
              " -y " + std::to_string(height) + " " + shell_quote(command) + " 2>&1");
  // Keep the window at the size we ask for, whatever clients attach.
  tmux("set-option -g window-size manual");
}

TmuxSession::~TmuxSession() {
  tmux("kill-server");
}

std::string TmuxSession::tmux(const std::string& arguments) {
  return run_command("tmux -L " + socket_ + " " + arguments + " 2>&1");
}

void TmuxSession::key(const std::string& name) {
  tmux("send-keys " + shell_quote(name));
}

void TmuxSession::type(const std::string& text) {
  tmux("send-keys -l " + shell_quote(text));
}

void TmuxSession::resize(int width, int height) {
  tmux("resize-window -x " + std::to_string(width) + " -y " + std::to_string(height));
}

std::vector<std::string> TmuxSession::screen(bool escapes) {
  std::istringstream in(tmux(escapes ? "capture-pane -p -e" : "capture-pane -p"));
  std::vector<std::string> rows;
  for (std::string line; std::getline(in, line);) rows.push_back(line);
  return rows;
}

std::string TmuxSession::text(bool escapes) {
  std::string out;
  for (const std::string& row : screen(escapes)) out += row + "\n";
  return out;
}

bool TmuxSession::wait_for(const std::vector<std::string>& needles,
                           std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    const std::string now = text();
    bool all = true;
    for (const std::string& needle : needles) all = all && now.find(needle) != std::string::npos;
    if (all) return true;
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

bool TmuxSession::wait_gone(const std::string& needle, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (text().find(needle) != std::string::npos) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return true;
}

int TmuxSession::pane_pid() {
  return std::stoi(tmux("display-message -p '#{pane_pid}'"));
}

}  // namespace coscope::tui::testing
