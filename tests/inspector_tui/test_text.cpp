#include <gtest/gtest.h>

#include "text.hpp"

namespace coscope::tui {
namespace {

TEST(Text, WidthCountsCodePointsNotBytes) {
  EXPECT_EQ(display_width("abc"), 3u);
  EXPECT_EQ(display_width("12.3µs"), 6u);
  EXPECT_EQ(display_width("├─ x"), 4u);
}

TEST(Text, FitPadsAndCutsWithEllipsis) {
  const Glyphs& u = unicode_glyphs();
  EXPECT_EQ(fit("ab", 4, u), "ab  ");
  EXPECT_EQ(fit("ab", 4, u, Align::right), "  ab");
  EXPECT_EQ(fit("abcdef", 4, u), "abc…");
  EXPECT_EQ(fit("abcdef", 4, ascii_glyphs()), "abc~");
  EXPECT_EQ(fit("µµµµµ", 3, u), "µµ…");  // never cuts inside a code point
  EXPECT_EQ(clip("abc", 0, u), "");
  EXPECT_EQ(clip("abc", 5, u), "abc");
}

TEST(Text, DurationsHaveThreeSignificantDigits) {
  const Glyphs& u = unicode_glyphs();
  EXPECT_EQ(format_duration(0, u), "0");
  EXPECT_EQ(format_duration(950, u), "950ns");
  EXPECT_EQ(format_duration(12'340, u), "12.3µs");
  EXPECT_EQ(format_duration(12'340, ascii_glyphs()), "12.3us");
  EXPECT_EQ(format_duration(4'561'000, u), "4.56ms");
  EXPECT_EQ(format_duration(999'999, u), "1.00ms");
  EXPECT_EQ(format_duration(1'234'000'000, u), "1.23s");
  EXPECT_EQ(format_duration(123'000'000'000, u), "2m03s");
}

TEST(Text, ParsesAbsoluteAndRelativeTimes) {
  EXPECT_EQ(parse_time("1.5s", 0), 1'500'000'000u);
  EXPECT_EQ(parse_time("250ms", 0), 250'000'000u);
  EXPECT_EQ(parse_time("40us", 0), 40'000u);
  EXPECT_EQ(parse_time("40µs", 0), 40'000u);
  EXPECT_EQ(parse_time("100ns", 0), 100u);
  EXPECT_EQ(parse_time(" 2 ", 0), 2'000'000'000u);  // bare numbers are seconds
  EXPECT_EQ(parse_time("+10us", 5'000), 15'000u);
  EXPECT_EQ(parse_time("-10us", 5'000), 0u);  // clamped at the trace start
  EXPECT_EQ(parse_time("-1us", 5'000), 4'000u);
  EXPECT_EQ(parse_time("50%", 0, 3'000), 1'500u);
  EXPECT_EQ(parse_time("+10%", 100, 1'000), 200u);
  EXPECT_FALSE(parse_time("", 0));
  EXPECT_FALSE(parse_time("soon", 0));
  EXPECT_FALSE(parse_time("5 parsecs", 0));
  EXPECT_FALSE(parse_time("-", 0));
}

}  // namespace
}  // namespace coscope::tui

#include "names.hpp"

namespace coscope::tui {
namespace {

TEST(Names, ShortNamesDropAnonymousNamespacesAndCloneSuffixes) {
  EXPECT_EQ(short_name("(anonymous namespace)::session() [clone .actor]"), "session()");
  EXPECT_EQ(short_name("awaited by (anonymous namespace)::client() [clone .resume] at a.cpp:3"),
            "awaited by client() at a.cpp:3");
  EXPECT_EQ(short_name("ns::plain(int)"), "ns::plain(int)");
}

TEST(Names, ShortPathsKeepTheFileAndItsFolder) {
  model::AsyncFrame frame;
  frame.role = model::FrameRole::awaiter;
  frame.address = 0x1234;
  frame.symbol = {{"session()", "/check/work/main/examples/echo_demo.cpp", 61},
                  {"outer()", "server.cpp", 9}};
  EXPECT_EQ(describe_with_short_paths(frame, "..."),
            "awaited by session() at .../examples/echo_demo.cpp:61 <- inlined into outer() at "
            "server.cpp:9");
  model::AsyncFrame site;
  site.role = model::FrameRole::await_site;
  site.what = "socket.async_receive";
  site.file = "/a/b.cpp";
  site.line = 4;
  EXPECT_EQ(describe_with_short_paths(site, "..."), "awaits socket.async_receive at /a/b.cpp:4");
}

}  // namespace
}  // namespace coscope::tui
