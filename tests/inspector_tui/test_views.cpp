// Findings, tree, timeline and help views; sizes, resize and the ASCII fallback.
#include <gtest/gtest.h>

#include "harness.hpp"

namespace coscope::tui::testing {
namespace {

void jump(Harness& ui, std::string_view time) {
  ui.press('t');
  ui.type(time);
  ui.press(keys::enter);
}

TEST(FindingsView, ListsFindingsAndEnterJumpsToTheMomentAndTask) {
  Harness ui;
  ui.press('4');
  EXPECT_EQ(ui.state().view, ViewId::findings);
  EXPECT_TRUE(ui.shows("blocking-call")) << ui.dump();
  EXPECT_TRUE(ui.shows("slow-resume"));
  EXPECT_TRUE(ui.shows("lost-exception"));
  EXPECT_TRUE(ui.shows("lost-task"));
  const std::string first = ui.selected_text();
  EXPECT_NE(first.find("blocking-call"), std::string::npos);
  ui.press('j');
  const std::string second = ui.selected_text();
  EXPECT_NE(second, first);
  ui.press('k');
  ui.press(keys::enter);
  EXPECT_EQ(ui.state().view, ViewId::detail);
  EXPECT_EQ(ui.state().cursor, 10'000u);
  EXPECT_TRUE(ui.shows("#2 session  running")) << ui.dump();
  ui.press(keys::escape);
  EXPECT_EQ(ui.state().view, ViewId::findings);
}

TEST(TreeView, ShowsParentsAndChildrenAtTheCursor) {
  Harness ui;
  ui.press('2');
  const auto rows = ui.screen();
  const int accept = ui.row_of("accept_loop #1");
  const int session2 = ui.row_of("session #2");
  const int worker = ui.row_of("worker #4");
  const int session3 = ui.row_of("session #3");
  const int ticker = ui.row_of("ticker #5");
  ASSERT_GE(accept, 0) << ui.dump();
  EXPECT_LT(accept, session2);
  EXPECT_LT(session2, worker);
  EXPECT_LT(worker, session3);
  EXPECT_LT(session3, ticker);
  EXPECT_EQ(rows[static_cast<std::size_t>(session2)].find("├─ session #2"), 0u) << ui.dump();
  EXPECT_EQ(rows[static_cast<std::size_t>(worker)].find("│  └─ worker #4"), 0u);
  EXPECT_EQ(rows[static_cast<std::size_t>(session3)].find("└─ session #3"), 0u);
  EXPECT_EQ(rows[static_cast<std::size_t>(ticker)].find("ticker #5"), 0u);
  EXPECT_NE(rows[static_cast<std::size_t>(worker)].find("awaiting timer.async_wait"),
            std::string::npos);
  // Earlier, fewer tasks exist.
  jump(ui, "2.5us");
  EXPECT_TRUE(ui.shows("2 tasks at 2.50µs")) << ui.dump();
  EXPECT_EQ(ui.row_of("worker #4"), -1);
  // A filter keeps the path to each match.
  jump(ui, "50us");
  ui.press('/');
  ui.type("worker");
  ui.press(keys::enter);
  EXPECT_NE(ui.row_of("accept_loop #1"), -1);
  EXPECT_NE(ui.row_of("session #2"), -1);
  EXPECT_EQ(ui.row_of("session #3"), -1);
  EXPECT_EQ(ui.row_of("ticker #5"), -1);
  // Enter opens the selected task.
  ui.press('G');
  ui.press(keys::enter);
  EXPECT_TRUE(ui.shows("#4 worker")) << ui.dump();
}

TEST(TimelineView, ShowsActivityFindingsAndEventsAroundTheCursor) {
  Harness ui;
  ui.press('3');
  jump(ui, "10us");
  EXPECT_TRUE(ui.shows("running tasks per bucket")) << ui.dump();
  EXPECT_TRUE(ui.shows("blocking-call"));
  EXPECT_NE(ui.selected_text().find("10.0µs"), std::string::npos) << ui.dump();
  ui.press('j');
  EXPECT_EQ(ui.state().cursor, 15'500u);
  ui.press('k');
  EXPECT_EQ(ui.state().cursor, 10'000u);
  // The findings row marks the buckets with findings.
  EXPECT_TRUE(ui.shows("▲"));
  ui.press(keys::enter);
  EXPECT_TRUE(ui.shows("#2 session")) << ui.dump();
}

TEST(TitleBar, CountsTasksByStateAtTheCursorAndDroppedEvents) {
  Harness ui;
  EXPECT_TRUE(ui.shows("0 run 0 sched 2 susp 2 done 1 fail")) << ui.dump();
  EXPECT_TRUE(ui.shows("7 dropped"));
  ui.press('t');
  ui.type("12us");
  ui.press(keys::enter);
  EXPECT_TRUE(ui.shows("2 run 1 sched 1 susp 0 done 0 fail")) << ui.dump();
}

TEST(HelpView, ListsTheKeyTableAndToggles) {
  Harness ui;
  ui.press('?');
  EXPECT_EQ(ui.state().view, ViewId::help);
  EXPECT_TRUE(ui.shows("Time cursor to the next finding")) << ui.dump();
  EXPECT_FALSE(ui.shows("NO_COLOR"));  // below the first page
  ui.press('G');
  EXPECT_TRUE(ui.shows("NO_COLOR")) << ui.dump();
  ui.press('?');
  EXPECT_EQ(ui.state().view, ViewId::tasks);
}

// Every row of every view fits the screen, at the minimum size and after resizes.
void expect_fits(Harness& ui, std::size_t width, std::size_t height) {
  const auto rows = ui.screen();
  EXPECT_EQ(rows.size(), height);
  for (const Row& row : ui.frame().rows())
    EXPECT_LE(display_width(row.text()), width) << "[" << row.text() << "]";
}

TEST(Screen, EveryViewFitsAt80x24AndFollowsResizes) {
  Harness ui({80, 24});
  for (Key view : {'1', '2', '3', '4'}) {
    ui.press(view);
    expect_fits(ui, 80, 24);
  }
  ui.press('1');
  ui.press(keys::enter);
  expect_fits(ui, 80, 24);
  EXPECT_TRUE(ui.shows("#1 accept_loop"));
  ui.press('?');
  expect_fits(ui, 80, 24);
  ui.press('?');
  ui.resize({120, 40});
  expect_fits(ui, 120, 40);
  ui.resize({40, 10});
  expect_fits(ui, 40, 10);
  ui.press('1');
  ui.resize({80, 24});
  EXPECT_TRUE(ui.shows("spawned at")) << ui.dump();  // the column comes back when there is room
  ui.resize({60, 24});
  EXPECT_FALSE(ui.shows("spawned at"));  // narrow screens drop the least useful columns
  EXPECT_TRUE(ui.shows("state"));
}

TEST(Screen, AsciiFallbackDrawsNoNonAsciiByte) {
  Harness ui({100, 30}, ascii_glyphs());
  for (Key key : {Key{'1'}, Key{'2'}, Key{'3'}, Key{'4'}, Key{'1'}, keys::enter, Key{'?'}}) {
    ui.press(key);
    for (const std::string& row : ui.screen())
      for (char c : row) ASSERT_LT(static_cast<unsigned char>(c), 0x80) << row;
  }
}

}  // namespace
}  // namespace coscope::tui::testing
