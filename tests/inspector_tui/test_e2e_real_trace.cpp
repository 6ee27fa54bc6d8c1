// End to end over a real trace: the tracer's echo example (a loopback echo server with a
// blocking call, a lost exception and a task left waiting) traced, then opened in the real
// coscope-inspect in tmux.
#include <gtest/gtest.h>

#include <filesystem>

#include "tmux_session.hpp"

namespace coscope::tui::testing {
namespace {

namespace fs = std::filesystem;

const std::string kInspect = COSCOPE_INSPECT_BIN;
const std::string kEchoDemo = COSCOPE_ECHO_DEMO_BIN;

TEST(EndToEndRealTrace, EchoDemoFromOpenToTheBlockingCall) {
  const fs::path dir =
      fs::temp_directory_path() / ("coscope-tui-real-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string trace = (dir / "echo.cotrace").string();
  run_command("COSCOPE_TRACE=" + shell_quote(trace) + " " + shell_quote(kEchoDemo) +
              " > /dev/null 2>&1");
  ASSERT_TRUE(fs::exists(trace));

  TmuxSession tmux("trap true INT; env LC_ALL=C.UTF-8 " + shell_quote(kInspect) + " " +
                       shell_quote(trace) +
                       "; echo EXITED:$?; stty -a | tr ' ;' '\\n\\n' | grep -xE -- "
                       "'-?(icanon|echo)' | tr '\\n' ' '; echo; sleep 120",
                   120, 40);
  // Open: clients and sessions by their short names, the server failed at the end.
  ASSERT_TRUE(tmux.wait_for({"tasks at", "server()", "session()", "client()", "failed"}))
      << tmux.text();
  EXPECT_EQ(tmux.text().find("[clone .actor]"), std::string::npos) << tmux.text();
  // Sort by busy time, descending: the session that blocked is on top.
  for (int i = 0; i < 4; ++i) tmux.key("l");
  tmux.key("i");
  ASSERT_TRUE(tmux.wait_for({"busy▼"})) << tmux.text();
  // Filter to sessions.
  tmux.key("/");
  tmux.type("session");
  tmux.key("Enter");
  ASSERT_TRUE(tmux.wait_for({"filter: \"session\""})) << tmux.text();
  EXPECT_EQ(tmux.text().find("client()"), std::string::npos) << tmux.text();
  tmux.key("Escape");
  // From the start, step through findings until the blocking call.
  tmux.key("t");
  tmux.type("0");
  tmux.key("Enter");
  ASSERT_TRUE(tmux.wait_for({"t=0/"})) << tmux.text();
  bool found = false;
  for (int i = 0; i < 20 && !found; ++i) {
    tmux.key("n");
    found = tmux.wait_for({"blocking call to"}, std::chrono::milliseconds(800));
  }
  ASSERT_TRUE(found) << tmux.text();
  // Its task opens at that moment: running, its async stack points into the example.
  tmux.key("Enter");
  ASSERT_TRUE(
      tmux.wait_for({"session()  running", "async stack at", "echo_demo.cpp", "blocking-call"}))
      << tmux.text();
  // The findings view lists them with their tasks (the other kinds vary from run to run with
  // the example's timing).
  tmux.key("4");
  ASSERT_TRUE(tmux.wait_for({"findings (", "blocking-call", "session()"})) << tmux.text();
  // The tree at the end: sessions under the server.
  tmux.key("2");
  ASSERT_TRUE(tmux.wait_for({"server() #", "├─ session() #"})) << tmux.text();
  tmux.key("q");
  ASSERT_TRUE(tmux.wait_for({"EXITED:0", "icanon echo"})) << tmux.text();
  fs::remove_all(dir);
}

}  // namespace
}  // namespace coscope::tui::testing
