// Small drawings shared by the views: sparklines, horizontal bars, the time axis, styles of
// task states, and table cells.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "coscope/model/model.hpp"
#include "glyphs.hpp"
#include "rows.hpp"
#include "text.hpp"
#include "view_state.hpp"

namespace coscope::tui {

Style phase_style(model::Phase phase);
Style severity_style(model::FindingKind kind);

// One glyph per value, scaled so that `max` is a full cell (values above are full).
std::vector<std::string> sparkline(std::span<const double> values, double max,
                                   const Glyphs& glyphs);

// A bar of `value / max * width` cells with eighth-cell resolution.
std::string bar(double value, double max, std::size_t width, const Glyphs& glyphs);

// The time axis under a strip of `width` cells for [from, to]: the two ends' times and the
// cursor's, with a caret under the cursor's cell.
Row axis_row(Time from, Time to, Time cursor, std::size_t width, const Glyphs& glyphs);
// The cell of [from, to] split in `width` cells that holds t (clamped).
std::size_t cell_of(Time t, Time from, Time to, std::size_t width);

// A table: columns of fixed width separated by one space.
struct TableColumn {
  std::string title;
  std::size_t width = 0;
  Align align = Align::left;
};
Row table_row(std::span<const TableColumn> columns, std::span<const Span> cells,
              const Glyphs& glyphs);

// A section rule: "── Async stack at 1.2ms ─────" filling `width`.
Row rule_row(std::string_view title, std::size_t width, const Glyphs& glyphs);

}  // namespace coscope::tui
