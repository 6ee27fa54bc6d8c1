// The task detail: async stack at the cursor, figures, histogram, events and logs.
#include <gtest/gtest.h>

#include "harness.hpp"

namespace coscope::tui::testing {
namespace {

void jump(Harness& ui, std::string_view time) {
  ui.press('t');
  ui.type(time);
  ui.press(keys::enter);
}

// Opens task #id from the (unfiltered, id-sorted) table.
void open_task(Harness& ui, int id) {
  ui.press('g');
  for (int i = 1; i < id; ++i) ui.press('j');
  ui.press(keys::enter);
  ASSERT_EQ(ui.state().view, ViewId::detail);
}

TEST(DetailView, ShowsWhoWhereAndTheAsyncStackAtTheCursor) {
  Harness ui;
  jump(ui, "20us");
  open_task(ui, 2);
  EXPECT_TRUE(
      ui.shows("#2 session  suspended for 3.90µs (since 16.1µs) awaiting socket.async_receive"))
      << ui.dump();
  EXPECT_TRUE(ui.shows("spawned at 2.00µs by #1 accept_loop at server.cpp:40 on io-0"));
  EXPECT_TRUE(ui.shows("ended ok at 40.0µs"));
  EXPECT_TRUE(ui.shows("async stack at 20.0µs"));
  // The await site's frame and awaiter, then the spawn site and the parent's chain.
  EXPECT_TRUE(ui.shows("session() at /src/app/server.cpp:61")) << ui.dump();
  EXPECT_TRUE(ui.shows("handle()"));
  EXPECT_TRUE(ui.shows("accept_loop() at /src/app/server.cpp:41"));
  // Before its first await, the stack has no await site but still its spawn chain.
  jump(ui, "5us");
  EXPECT_FALSE(ui.shows("session() at /src/app/server.cpp:61")) << ui.dump();
  EXPECT_TRUE(ui.shows("accept_loop() at /src/app/server.cpp:41"));
}

TEST(DetailView, FiguresAndAHistogramOfResumeDurations) {
  Harness ui({120, 40});
  open_task(ui, 5);
  EXPECT_TRUE(ui.shows("resumes 5")) << ui.dump();
  EXPECT_TRUE(ui.shows("resume p50"));
  EXPECT_TRUE(ui.shows("max 8.00µs"));
  EXPECT_TRUE(ui.shows("resume durations (log bins)"));
  // Bars are drawn, and the counts add up to the resumes.
  int counted = 0;
  bool bars = false;
  for (const std::string& row : ui.screen()) {
    const auto at = row.find("█");
    if (at == std::string::npos || row.find("µs-") == std::string::npos) continue;
    bars = true;
    counted += std::stoi(row.substr(row.find_last_of(' ', row.find_last_not_of(' ')) + 1));
  }
  EXPECT_TRUE(bars) << ui.dump();
  EXPECT_EQ(counted, 5) << ui.dump();
}

TEST(DetailView, EventsScrollAndEnterMovesTheCursor) {
  Harness ui({100, 30});
  open_task(ui, 5);
  EXPECT_TRUE(ui.shows("events ("));
  // The cursor is at the end: the selected event is the task's last one.
  EXPECT_NE(ui.selected_text().find("resume-end"), std::string::npos) << ui.dump();
  ui.press('g');
  EXPECT_NE(ui.selected_text().find("spawn"), std::string::npos) << ui.dump();
  ui.press('j');
  ui.press(keys::enter);
  EXPECT_EQ(ui.state().cursor, 27'000u);  // its first resume
  EXPECT_NE(ui.selected_text().find("27.0µs"), std::string::npos);
  // Moving the cursor moves the event selection with it.
  ui.press(']');
  EXPECT_EQ(ui.state().cursor, 27'900u);
  EXPECT_NE(ui.selected_text().find("27.9µs"), std::string::npos) << ui.dump();
  // Later events are dimmed: they have not happened at the cursor.
  bool dimmed = false;
  for (const Row& row : ui.frame().rows())
    for (const Span& span : row.spans)
      dimmed |= span.text.find("28.0µs") != std::string::npos && span.style == Style::dim;
  EXPECT_TRUE(dimmed);
}

TEST(DetailView, TabShowsLogsAndTheFullStack) {
  Harness ui;
  open_task(ui, 2);
  ui.press(keys::tab);
  EXPECT_TRUE(ui.shows("logs (1)")) << ui.dump();
  EXPECT_TRUE(ui.shows("server: session started"));
  EXPECT_TRUE(ui.shows("info"));
  ui.press(keys::enter);
  EXPECT_EQ(ui.state().cursor, 15'500u);
  ui.press(keys::tab);
  EXPECT_TRUE(ui.shows("async stack + histogram")) << ui.dump();
  EXPECT_TRUE(ui.shows("resume durations (log bins)"));
  ui.press(keys::tab);
  EXPECT_TRUE(ui.shows("events ("));
  ui.press(keys::escape);
  EXPECT_EQ(ui.state().view, ViewId::tasks);
}

TEST(DetailView, FailedTaskShowsItsException) {
  Harness ui;
  open_task(ui, 3);
  EXPECT_TRUE(ui.shows("failed")) << ui.dump();
  EXPECT_TRUE(ui.shows("std::runtime_error bad request")) << ui.dump();
}

}  // namespace
}  // namespace coscope::tui::testing
