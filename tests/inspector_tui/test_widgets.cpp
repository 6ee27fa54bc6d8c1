#include <gtest/gtest.h>

#include "widgets.hpp"

namespace coscope::tui {
namespace {

TEST(Widgets, SparklineScalesToTheMaximum) {
  const double values[] = {0, 1, 4, 8, 9};
  const auto cells = sparkline(values, 8, unicode_glyphs());
  ASSERT_EQ(cells.size(), 5u);
  EXPECT_EQ(cells[0], " ");
  EXPECT_EQ(cells[1], "▁");
  EXPECT_EQ(cells[2], "▄");
  EXPECT_EQ(cells[3], "█");
  EXPECT_EQ(cells[4], "█");  // above the maximum stays full
  const auto ascii = sparkline(values, 8, ascii_glyphs());
  EXPECT_EQ(ascii[3], "#");
}

TEST(Widgets, BarsHaveEighthResolutionAndNeverHideNonZero) {
  const Glyphs& u = unicode_glyphs();
  EXPECT_EQ(bar(10, 10, 4, u), "████");
  EXPECT_EQ(bar(5, 10, 4, u), "██");
  EXPECT_EQ(bar(1, 16, 4, u), "▂");
  EXPECT_EQ(bar(1, 1'000'000, 4, u), "▁");
  EXPECT_EQ(bar(0, 10, 4, u), "");
  EXPECT_EQ(bar(1, 16, 4, ascii_glyphs()), "#");
}

TEST(Widgets, CellOfMapsTimesOntoTheAxis) {
  EXPECT_EQ(cell_of(0, 0, 100, 10), 0u);
  EXPECT_EQ(cell_of(55, 0, 100, 10), 5u);
  EXPECT_EQ(cell_of(100, 0, 100, 10), 9u);
  EXPECT_EQ(cell_of(500, 0, 100, 10), 9u);
  EXPECT_EQ(cell_of(5, 10, 100, 10), 0u);
}

TEST(Widgets, AxisPutsTheCaretUnderTheCursor) {
  const Glyphs& a = ascii_glyphs();
  const Row start = axis_row(0, 1'000'000, 0, 40, a);
  EXPECT_EQ(start.text().rfind("^ 0", 0), 0u) << start.text();
  const Row middle = axis_row(0, 1'000'000, 500'000, 40, a);
  EXPECT_EQ(middle.text().find('^'), 20u) << middle.text();
  EXPECT_NE(middle.text().find("500us"), std::string::npos);
  EXPECT_NE(middle.text().find("1.00ms"), std::string::npos);
  // At the right end the label goes left of the caret, and stays within the width.
  const Row end = axis_row(0, 1'000'000, 1'000'000, 40, a);
  EXPECT_LE(display_width(end.text()), 40u);
  EXPECT_EQ(end.text().back(), '^') << end.text();
}

TEST(Widgets, TableCellsAreFittedToTheirColumns) {
  const TableColumn columns[] = {{"a", 3, Align::right}, {"b", 4, Align::left}};
  const Span cells[] = {{"7", Style::normal}, {"toolong", Style::bold}};
  EXPECT_EQ(table_row(columns, cells, ascii_glyphs()).text(), "  7 too~");
}

}  // namespace
}  // namespace coscope::tui
