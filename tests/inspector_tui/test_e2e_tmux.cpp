// End to end: the real coscope-inspect on a terminal (tmux), driven by keys, asserting the
// screen after each step the way a user would see it.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "tmux_session.hpp"

namespace coscope::tui::testing {
namespace {

namespace fs = std::filesystem;

const std::string kInspect = COSCOPE_INSPECT_BIN;
const std::string kMakeTrace = COSCOPE_MAKE_SCENARIO_BIN;

std::string scenario_trace() {
  static const std::string path = [] {
    const fs::path dir =
        fs::temp_directory_path() / ("coscope-tui-e2e-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const std::string out = (dir / "scenario.cotrace").string();
    run_command(kMakeTrace + " " + shell_quote(out));
    return out;
  }();
  return path;
}

// The UI, then a line saying how it exited and whether the terminal is back in canonical
// mode with echo (what a shell needs), then a pause so the test can read it all.
std::string ui_command(const std::string& trace, const std::string& env = "") {
  return "trap true INT; env LC_ALL=C.UTF-8 " + env + " " + shell_quote(kInspect) + " " +
         shell_quote(trace) +
         "; echo EXITED:$?; stty -a | tr ' ;' '\\n\\n' | grep -xE -- '-?(icanon|echo)' | "
         "tr '\\n' ' '; echo; sleep 120";
}

int row_of(const std::vector<std::string>& rows, const std::string& needle) {
  for (std::size_t i = 0; i < rows.size(); ++i)
    if (rows[i].find(needle) != std::string::npos) return static_cast<int>(i);
  return -1;
}

void expect_restored(TmuxSession& tmux, const std::string& code) {
  ASSERT_TRUE(tmux.wait_for({"EXITED:" + code, "icanon echo"})) << tmux.text();
  // The alternate screen is gone: none of the UI is left on the terminal.
  EXPECT_EQ(tmux.text().find("coscope 1 Tasks"), std::string::npos) << tmux.text();
}

TEST(EndToEnd, OpenSortFilterOpenTimeFindingResizeQuit) {
  TmuxSession tmux(ui_command(scenario_trace()), 120, 40);
  // Open: every task at the end of the trace.
  ASSERT_TRUE(tmux.wait_for({"5 of 5 tasks at 50.0µs", "accept_loop", "q quit"})) << tmux.text();
  auto rows = tmux.screen();
  EXPECT_EQ(rows.size(), 40u);
  EXPECT_LT(row_of(rows, "worker"), row_of(rows, "ticker"));
  // Sort by name, then invert.
  tmux.key("Right");
  ASSERT_TRUE(tmux.wait_for({"name▲"})) << tmux.text();
  rows = tmux.screen();
  EXPECT_LT(row_of(rows, "ticker"), row_of(rows, "worker"));
  tmux.key("i");
  ASSERT_TRUE(tmux.wait_for({"name▼"})) << tmux.text();
  rows = tmux.screen();
  EXPECT_LT(row_of(rows, "worker"), row_of(rows, "ticker"));
  // Filter by text.
  tmux.key("/");
  tmux.type("sess");
  ASSERT_TRUE(tmux.wait_for({"filter: sess_", "2 of 5 tasks"})) << tmux.text();
  tmux.key("Enter");
  ASSERT_TRUE(tmux.wait_for({"filter: \"sess\""})) << tmux.text();
  EXPECT_EQ(tmux.text().find("ticker"), std::string::npos);
  tmux.key("Escape");
  ASSERT_TRUE(tmux.wait_for({"5 of 5 tasks"})) << tmux.text();
  // Open a task: ticker is first when sorted by name descending... go to the bottom instead.
  tmux.key("G");
  tmux.key("Enter");
  ASSERT_TRUE(tmux.wait_for({"#1 accept_loop  suspended", "async stack at 50.0µs",
                             "acceptor.async_accept", "events (5)"}))
      << tmux.text();
  // Move the time cursor: jump, then step by events.
  tmux.key("t");
  tmux.type("2us");
  tmux.key("Enter");
  ASSERT_TRUE(tmux.wait_for({"t=2.00µs/50.0µs", "#1 accept_loop  running"})) << tmux.text();
  tmux.key(".");
  ASSERT_TRUE(tmux.wait_for({"t=3.00µs/"})) << tmux.text();
  tmux.key(".");
  tmux.key(".");
  ASSERT_TRUE(tmux.wait_for({"t=3.50µs/", "#1 accept_loop  running"})) << tmux.text();
  tmux.key(".");  // its resume ends: now it is suspended
  ASSERT_TRUE(tmux.wait_for({"t=3.60µs/", "#1 accept_loop  suspended"})) << tmux.text();
  tmux.key(",");
  tmux.key(",");
  ASSERT_TRUE(tmux.wait_for({"t=3.20µs/", "#1 accept_loop  running"})) << tmux.text();
  // Jump to a finding from the findings view: its moment and its task.
  tmux.key("4");
  ASSERT_TRUE(tmux.wait_for({"blocking-call", "slow-resume", "lost-exception"})) << tmux.text();
  tmux.key("Enter");
  ASSERT_TRUE(tmux.wait_for({"t=10.0µs/", "#2 session  running"})) << tmux.text();
  tmux.key("n");
  ASSERT_TRUE(tmux.wait_for({"finding 2/"})) << tmux.text();
  // Resize to the smallest supported terminal: everything is redrawn to fit.
  tmux.key("1");
  tmux.resize(80, 24);
  ASSERT_TRUE(tmux.wait_for({"spawned at", "q quit"})) << tmux.text();
  rows = tmux.screen();
  EXPECT_EQ(rows.size(), 24u);
  EXPECT_NE(rows.back().find("q quit"), std::string::npos) << tmux.text();
  EXPECT_EQ(row_of(rows, "sched "), -1);  // dropped at 80 columns
  tmux.resize(120, 40);
  ASSERT_TRUE(tmux.wait_for({"sched ", "idle "})) << tmux.text();
  // Quit: the terminal is back to normal.
  tmux.key("q");
  expect_restored(tmux, "0");
}

TEST(EndToEnd, TreeTimelineHelpAndPlay) {
  TmuxSession tmux(ui_command(scenario_trace()), 120, 40);
  ASSERT_TRUE(tmux.wait_for({"5 of 5 tasks"})) << tmux.text();
  tmux.key("2");
  ASSERT_TRUE(tmux.wait_for({"├─ session #2", "│  └─ worker #4", "└─ session #3"})) << tmux.text();
  tmux.key("3");
  ASSERT_TRUE(tmux.wait_for({"running tasks per bucket", "events (", "lost-task"})) << tmux.text();
  tmux.key("?");
  ASSERT_TRUE(tmux.wait_for({"Keys (views where they apply)", "Time cursor to the next finding"}))
      << tmux.text();
  tmux.key("Escape");
  ASSERT_TRUE(tmux.wait_gone("Keys (views where they apply)")) << tmux.text();
  // Speed changes show in the title.
  tmux.key("+");
  tmux.key("+");
  ASSERT_TRUE(tmux.wait_for({"‖ x0.0005"})) << tmux.text();
  tmux.key("-");
  tmux.key("-");
  ASSERT_TRUE(tmux.wait_for({"‖ x0.0001"})) << tmux.text();
  // Play from the start: at x0.0001 the 50us trace plays in half a second, then stops at the
  // end. Frames in between show the cursor moving.
  tmux.key("Space");
  bool saw_playing = false;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
  while (std::chrono::steady_clock::now() < deadline) {
    const std::string now = tmux.text();
    if (now.find("▶ x0.0001  t=") != std::string::npos &&
        now.find("t=50.0µs/") == std::string::npos)
      saw_playing = true;
    if (now.find("‖ x0.0001  t=50.0µs/50.0µs") != std::string::npos) break;
  }
  EXPECT_TRUE(saw_playing);
  ASSERT_TRUE(tmux.wait_for({"‖ x0.0001  t=50.0µs/50.0µs"})) << tmux.text();
  tmux.key("q");
  expect_restored(tmux, "0");
}

TEST(EndToEnd, SigtermAndCtrlCRestoreTheTerminal) {
  {
    TmuxSession tmux(ui_command(scenario_trace()), 100, 30);
    ASSERT_TRUE(tmux.wait_for({"5 of 5 tasks"})) << tmux.text();
    // The shell's child is coscope-inspect.
    const int shell = tmux.pane_pid();
    std::ifstream children("/proc/" + std::to_string(shell) + "/task/" + std::to_string(shell) +
                           "/children");
    int inspector = 0;
    children >> inspector;
    ASSERT_GT(inspector, 0);
    ::kill(inspector, SIGTERM);
    expect_restored(tmux, "143");
  }
  {
    TmuxSession tmux(ui_command(scenario_trace()), 100, 30);
    ASSERT_TRUE(tmux.wait_for({"5 of 5 tasks"})) << tmux.text();
    tmux.key("C-c");
    expect_restored(tmux, "130");
  }
}

TEST(EndToEnd, AsciiAndNoColor) {
  {
    TmuxSession tmux(ui_command(scenario_trace(), "COSCOPE_ASCII=1 NO_COLOR=1"), 100, 30);
    ASSERT_TRUE(tmux.wait_for({"5 of 5 tasks", "id^"})) << tmux.text();
    for (char c : tmux.text()) ASSERT_LT(static_cast<unsigned char>(c), 0x80) << tmux.text();
    // No colour: attributes only (bold, reverse), never a foreground colour.
    const std::string escapes = tmux.text(true);
    for (const char* colour : {"[31m", "[32m", "[33m", "[34m", ";31m", ";32m", ";33m", ";34m"})
      EXPECT_EQ(escapes.find(colour), std::string::npos) << colour;
    tmux.key("q");
    expect_restored(tmux, "0");
  }
  {
    TmuxSession tmux(ui_command(scenario_trace()), 100, 30);
    ASSERT_TRUE(tmux.wait_for({"5 of 5 tasks"})) << tmux.text();
    const std::string escapes = tmux.text(true);
    // Failed tasks are red (bold red may come as one sequence or two).
    EXPECT_TRUE(escapes.find("[31m") != std::string::npos ||
                escapes.find(";31m") != std::string::npos)
        << escapes;
  }
}

TEST(EndToEnd, UnreadableTraceAndNotATerminal) {
  const std::string missing = scenario_trace() + ".missing";
  TmuxSession tmux(ui_command(missing), 100, 30);
  ASSERT_TRUE(tmux.wait_for({"EXITED:3"})) << tmux.text();
  // With stdout not a terminal, the summary is printed instead of the UI.
  const std::string out =
      run_command(shell_quote(kInspect) + " " + shell_quote(scenario_trace()) + " | cat");
  EXPECT_EQ(out.find("\x1b["), std::string::npos) << out;
  EXPECT_NE(out.find("accept_loop"), std::string::npos) << out;
}

}  // namespace
}  // namespace coscope::tui::testing
