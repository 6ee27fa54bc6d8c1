// The task table: key -> view state -> rendered rows, over the scenario trace.
#include <gtest/gtest.h>

#include "harness.hpp"

namespace coscope::tui::testing {
namespace {

TEST(TasksView, OpensAtTheEndOfTheTraceWithEveryTask) {
  Harness ui;
  EXPECT_TRUE(ui.shows("5 of 5 tasks at 50.0µs")) << ui.dump();
  for (const char* heading :
       {"id", "name", "state", "total", "busy", "sched", "idle", "resumes", "spawned at"})
    EXPECT_TRUE(ui.shows(heading)) << heading;
  EXPECT_NE(ui.selected_text().find("accept_loop"), std::string::npos) << ui.dump();
  // Final states, and the spawn site without its directory.
  EXPECT_NE(ui.screen()[static_cast<std::size_t>(ui.row_of("accept_loop"))].find("suspended"),
            std::string::npos);
  EXPECT_NE(ui.screen()[static_cast<std::size_t>(ui.row_of("ticker"))].find("done"),
            std::string::npos);
  EXPECT_TRUE(ui.shows("server.cpp:40"));
  EXPECT_EQ(ui.shows("/src/app/server.cpp:40"), false);
  // Tasks with findings are marked, the others are not.
  const std::string session3 = ui.screen()[static_cast<std::size_t>(ui.row_of(" 3 session"))];
  EXPECT_NE(session3.find("▲"), std::string::npos) << session3;
  EXPECT_EQ(ui.screen()[static_cast<std::size_t>(ui.row_of("ticker"))].find("▲"),
            std::string::npos);
}

TEST(TasksView, SortsByAnyColumnAndInverts) {
  Harness ui;
  EXPECT_LT(ui.row_of("worker"), ui.row_of("ticker"));  // by id: #4 before #5
  EXPECT_EQ(ui.press('l') & kRedrawBody, kRedrawBody);  // sort by name
  EXPECT_EQ(ui.state().sort, Column::name);
  EXPECT_TRUE(ui.shows("name▲")) << ui.dump();
  EXPECT_LT(ui.row_of("accept_loop"), ui.row_of("session"));
  EXPECT_LT(ui.row_of("ticker"), ui.row_of("worker"));
  ui.press('i');
  EXPECT_TRUE(ui.shows("name▼"));
  EXPECT_LT(ui.row_of("worker"), ui.row_of("ticker"));
  EXPECT_LT(ui.row_of("session"), ui.row_of("accept_loop"));
  ui.press(keys::left);
  ui.press(keys::left);  // wraps from id to the last column, then back
  EXPECT_EQ(ui.state().sort, Column::warn);
  ui.press(keys::left);
  EXPECT_EQ(ui.state().sort, Column::spawned_at);
  // The selection follows the task, not the row.
  const std::string selected = ui.selected_text();
  EXPECT_NE(selected.find("accept_loop"), std::string::npos) << ui.dump();
}

TEST(TasksView, FiltersByTextAsTypedAndByState) {
  Harness ui;
  ui.press('/');
  EXPECT_TRUE(ui.shows("filter: _"));
  ui.type("sess");
  EXPECT_TRUE(ui.shows("filter: sess_"));
  EXPECT_TRUE(ui.shows("2 of 5 tasks"));
  EXPECT_EQ(ui.row_of("ticker"), -1);
  ui.press(keys::enter);
  EXPECT_TRUE(ui.shows("filter: \"sess\""));
  EXPECT_TRUE(ui.shows("2 of 5 tasks"));
  // The selection moved onto a listed task.
  EXPECT_NE(ui.selected_text().find("session"), std::string::npos);
  ui.press(keys::escape);  // clears the filter
  EXPECT_TRUE(ui.shows("5 of 5 tasks"));
  ui.press('s');  // live: spawned and not finished
  EXPECT_TRUE(ui.shows("state: live"));
  EXPECT_TRUE(ui.shows("2 of 5 tasks"));
  EXPECT_NE(ui.row_of("accept_loop"), -1);
  EXPECT_NE(ui.row_of("worker"), -1);
  ui.press('s');  // running: none at the end
  EXPECT_TRUE(ui.shows("no task matches at this time"));
  // Filter by text matches states and ids too.
  ui.press(keys::escape);
  ui.press('/');
  ui.type("#5");
  EXPECT_TRUE(ui.shows("1 of 5 tasks"));
  EXPECT_NE(ui.row_of("ticker"), -1);
  ui.press(keys::backspace);
  ui.press(keys::backspace);
  ui.type("failed");
  EXPECT_TRUE(ui.shows("1 of 5 tasks"));
  ui.press(keys::escape);  // Esc in the prompt cancels and clears
  EXPECT_TRUE(ui.shows("5 of 5 tasks"));
}

TEST(TasksView, ScrollsToKeepTheSelectionVisible) {
  Harness ui({80, 8});  // 1 title, 2 strip, 1 info, 1 headings: room for 2 tasks
  EXPECT_NE(ui.row_of("accept_loop"), -1);
  EXPECT_EQ(ui.row_of("ticker"), -1);
  ui.press('j');
  ui.press(keys::down);
  ui.press('j');
  EXPECT_NE(ui.selected_text().find("worker"), std::string::npos) << ui.dump();
  EXPECT_EQ(ui.row_of("accept_loop"), -1);
  ui.press('G');
  EXPECT_NE(ui.selected_text().find("ticker"), std::string::npos) << ui.dump();
  ui.press('k');
  EXPECT_NE(ui.selected_text().find("worker"), std::string::npos);
  ui.press('g');
  EXPECT_NE(ui.selected_text().find("accept_loop"), std::string::npos);
  ui.press(keys::page_down);
  EXPECT_NE(ui.selected_text().find("session"), std::string::npos) << ui.dump();
  ui.press(keys::page_up);
  EXPECT_NE(ui.selected_text().find("accept_loop"), std::string::npos);
  EXPECT_EQ(ui.press('k'), kRedrawBody | kRedrawHeader);  // at the top: stays
  EXPECT_NE(ui.selected_text().find("accept_loop"), std::string::npos);
}

TEST(TasksView, EnterOpensTheTaskAndEscReturns) {
  Harness ui;
  ui.press('j');
  ui.press(keys::enter);
  EXPECT_EQ(ui.state().view, ViewId::detail);
  EXPECT_TRUE(ui.shows("#2 session")) << ui.dump();
  ui.press(keys::escape);
  EXPECT_EQ(ui.state().view, ViewId::tasks);
  EXPECT_NE(ui.selected_text().find("session"), std::string::npos);
}

TEST(TasksView, KeysThatChangeNothingRedrawNothing) {
  Harness ui;
  const auto before = ui.dump();
  EXPECT_EQ(ui.press('x'), kRedrawNone);           // unbound
  EXPECT_EQ(ui.press(keys::escape), kRedrawNone);  // nothing to go back to, no filter
  EXPECT_EQ(ui.press('.'), kRedrawFooter);         // at the end: only the message changes
  EXPECT_TRUE(ui.shows("no later event"));
  EXPECT_EQ(ui.press('x'), kRedrawFooter);  // the message goes away
  EXPECT_EQ(ui.dump(), before);
  EXPECT_EQ(ui.press('q') & kQuit, kQuit);
}

TEST(TasksView, StatesAtTheCursorTime) {
  Harness ui;
  ui.press('t');
  ui.type("12us");
  ui.press(keys::enter);
  // At 12us: #1 suspended, #2 running (blocking call), #3 running, #4 scheduled, #5 not yet.
  EXPECT_TRUE(ui.shows("4 of 5 tasks at 12.0µs")) << ui.dump();
  EXPECT_EQ(ui.row_of("ticker"), -1);
  EXPECT_NE(ui.screen()[static_cast<std::size_t>(ui.row_of("worker"))].find("scheduled"),
            std::string::npos);
  // Colours: the state cell carries its phase's style.
  bool running_styled = false;
  for (const Row& row : ui.frame().rows())
    for (const Span& span : row.spans)
      running_styled |= span.text.find("running") == 0 && span.style == Style::running;
  EXPECT_TRUE(running_styled);
}

}  // namespace
}  // namespace coscope::tui::testing
