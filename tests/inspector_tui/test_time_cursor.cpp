// The time cursor: stepping through events and findings, jumps, play, zoom.
#include <gtest/gtest.h>

#include "harness.hpp"
#include "playback.hpp"

namespace coscope::tui::testing {
namespace {

void jump(Harness& ui, std::string_view time) {
  ui.press('t');
  ui.type(time);
  ui.press(keys::enter);
}

TEST(TimeCursor, JumpsToATypedTime) {
  Harness ui;
  ui.press('t');
  EXPECT_TRUE(ui.shows("jump to time: _"));
  ui.type("25us");
  EXPECT_TRUE(ui.shows("jump to time: 25us_"));
  ui.press(keys::enter);
  EXPECT_EQ(ui.state().cursor, 25'000u);
  EXPECT_TRUE(ui.shows("t=25.0µs/50.0µs")) << ui.dump();
  jump(ui, "-5us");
  EXPECT_EQ(ui.state().cursor, 20'000u);
  jump(ui, "1h");
  EXPECT_EQ(ui.state().cursor, 20'000u);
  EXPECT_TRUE(ui.shows("not a time: 1h"));
  jump(ui, "10s");  // past the end: clamped
  EXPECT_EQ(ui.state().cursor, 50'000u);
}

TEST(TimeCursor, StepsThroughEvents) {
  Harness ui;
  jump(ui, "12us");
  ui.press('.');
  EXPECT_EQ(ui.state().cursor, 15'500u);  // the log record
  ui.press('.');
  EXPECT_EQ(ui.state().cursor, 16'000u);
  ui.press(',');
  ui.press(',');
  EXPECT_EQ(ui.state().cursor, 10'000u);  // the blocking call
  jump(ui, "0");
  ui.press(',');
  EXPECT_TRUE(ui.shows("no earlier event"));
  EXPECT_EQ(ui.state().cursor, 0u);
}

TEST(TimeCursor, StepsThroughTheSelectedTasksEvents) {
  Harness ui;
  ui.press('G');  // ticker, #5
  jump(ui, "12us");
  ui.press(']');
  EXPECT_EQ(ui.state().cursor, 26'000u);  // its spawn
  ui.press(']');
  EXPECT_EQ(ui.state().cursor, 27'000u);  // its first resume
  ui.press('[');
  EXPECT_EQ(ui.state().cursor, 26'000u);
  ui.press('[');
  EXPECT_TRUE(ui.shows("no earlier event of this task"));
}

TEST(TimeCursor, StepsThroughFindingsAndSelectsTheirTask) {
  Harness ui;
  jump(ui, "0");
  ui.press('n');
  EXPECT_EQ(ui.state().cursor, 10'000u);
  EXPECT_EQ(ui.model().tasks()[ui.state().selected_task].id, 2u);
  EXPECT_TRUE(ui.shows("finding 1/")) << ui.dump();
  EXPECT_TRUE(ui.shows("sleep_for"));
  EXPECT_NE(ui.selected_text().find("session"), std::string::npos);
  ui.press('N');
  EXPECT_TRUE(ui.shows("no earlier finding"));
  // Through every finding to the last, then no further.
  const std::size_t count = ui.model().findings().size();
  for (std::size_t i = 1; i < count; ++i) ui.press('n');
  EXPECT_EQ(ui.state().selected_finding, count - 1);
  ui.press('n');
  EXPECT_TRUE(ui.shows("no later finding"));
  ui.press('N');
  EXPECT_EQ(ui.state().selected_finding, count - 2);
}

TEST(TimeCursor, PlaysAtTheChosenSpeedAndStopsAtTheEnd) {
  Harness ui;
  EXPECT_TRUE(ui.shows("‖ x0.0001")) << ui.dump();
  ui.press(' ');  // at the end: starts over
  EXPECT_TRUE(ui.state().playing);
  EXPECT_EQ(ui.state().cursor, 0u);
  EXPECT_TRUE(ui.shows("▶ x0.0001"));
  ui.advance(100'000'000);  // 100 ms real at x0.0001: 10 us of trace
  EXPECT_EQ(ui.state().cursor, 10'000u);
  EXPECT_TRUE(ui.shows("t=10.0µs"));
  ui.press('+');
  EXPECT_TRUE(ui.shows("x0.0002"));
  ui.advance(100'000'000);
  EXPECT_EQ(ui.state().cursor, 30'000u);
  ui.press(' ');
  EXPECT_EQ(ui.advance(100'000'000), kRedrawNone);  // paused: time stands still
  ui.press(' ');
  ui.advance(10'000'000'000);
  EXPECT_EQ(ui.state().cursor, 50'000u);
  EXPECT_FALSE(ui.state().playing);
  ui.press('-');
  ui.press('-');
  EXPECT_TRUE(ui.shows("x0.0001"));  // not below the slowest speed
}

TEST(TimeCursor, ZoomsTheAxisAroundTheCursor) {
  Harness ui;
  jump(ui, "20us");
  ui.press('z');
  EXPECT_EQ(ui.state().window_from, 7'500u);
  EXPECT_EQ(ui.state().window_to, 32'500u);
  ui.press('z');
  EXPECT_EQ(ui.state().window_to - ui.state().window_from, 12'500u);
  // Moving the cursor out of the window pans it.
  jump(ui, "45us");
  EXPECT_LE(ui.state().window_from, 45'000u);
  EXPECT_GE(ui.state().window_to, 45'000u);
  EXPECT_EQ(ui.state().window_to - ui.state().window_from, 12'500u);
  ui.press('Z');
  ui.press('Z');
  ui.press('Z');
  EXPECT_EQ(ui.state().window_from, 0u);
  EXPECT_EQ(ui.state().window_to, 50'000u);
}

TEST(Playback, DefaultSpeedPlaysTheTraceInAboutHalfAMinute) {
  EXPECT_EQ(speed_label(default_speed(30'000'000'000)), "x1");
  EXPECT_EQ(speed_label(default_speed(300'000'000'000)), "x10");
  EXPECT_EQ(speed_label(default_speed(3'000'000'000)), "x0.1");
  EXPECT_EQ(advance(10, 0, 1, 100), 11u);  // always moves, even when slow
  EXPECT_EQ(advance(90, 21, 1'000, 100), 100u);
}

}  // namespace
}  // namespace coscope::tui::testing
