#include "widgets.hpp"

#include <algorithm>
#include <cmath>

namespace coscope::tui {

Style phase_style(model::Phase phase) {
  switch (phase) {
    case model::Phase::not_spawned:
      return Style::dim;
    case model::Phase::scheduled:
      return Style::scheduled;
    case model::Phase::running:
      return Style::running;
    case model::Phase::suspended:
      return Style::suspended;
    case model::Phase::done:
      return Style::done;
    case model::Phase::failed:
      return Style::failed;
  }
  return Style::normal;
}

Style severity_style(model::FindingKind kind) {
  return model::severity(kind) == model::Severity::warning ? Style::warning : Style::note;
}

std::vector<std::string> sparkline(std::span<const double> values, double max,
                                   const Glyphs& glyphs) {
  std::vector<std::string> out;
  out.reserve(values.size());
  for (double v : values) {
    int eighths = 0;
    if (max > 0 && v > 0) eighths = std::clamp(static_cast<int>(std::ceil(v / max * 8)), 1, 8);
    out.emplace_back(glyphs.eighths[static_cast<std::size_t>(eighths)]);
  }
  return out;
}

std::string bar(double value, double max, std::size_t width, const Glyphs& glyphs) {
  if (max <= 0 || value <= 0 || width == 0) return {};
  const double cells = std::min(value / max, 1.0) * static_cast<double>(width);
  auto eighths = static_cast<std::size_t>(std::lround(cells * 8));
  if (eighths == 0) eighths = 1;  // a non-zero value is always visible
  std::string out;
  for (std::size_t i = 0; i < eighths / 8; ++i) out += glyphs.full;
  // ASCII has no partial cells worth drawing: round to whole cells.
  if (eighths % 8 != 0) out += glyphs.unicode ? glyphs.eighths[eighths % 8] : glyphs.full;
  return out;
}

std::size_t cell_of(Time t, Time from, Time to, std::size_t width) {
  if (width == 0) return 0;
  if (t <= from || to <= from) return 0;
  if (t >= to) return width - 1;
  const auto cell =
      static_cast<std::size_t>(static_cast<long double>(t - from) * width / (to - from));
  return std::min(cell, width - 1);
}

Row axis_row(Time from, Time to, Time cursor, std::size_t width, const Glyphs& glyphs) {
  const std::string left = format_duration(from, glyphs);
  const std::string right = format_duration(to, glyphs);
  std::string here = std::string(glyphs.caret) + " " + format_duration(cursor, glyphs);
  const std::size_t caret = cell_of(cursor, from, to, width);
  const std::size_t here_width = display_width(here);
  // The cursor's label starts at the caret, or ends there when it would run off the right.
  std::size_t here_at = caret;
  if (caret + here_width > width) {
    here = format_duration(cursor, glyphs) + " " + std::string(glyphs.caret);
    here_at = caret + 1 >= here_width ? caret + 1 - here_width : 0;
  }
  Row row;
  const std::size_t left_width = display_width(left);
  const std::size_t right_width = display_width(right);
  if (here_at >= left_width + 1) {
    row.add(left, Style::dim).add(std::string(here_at - left_width, ' '));
  } else {
    row.add(std::string(here_at, ' '));
  }
  row.add(here, Style::cursor);
  const std::size_t used = here_at + display_width(here);
  if (used + 1 + right_width <= width)
    row.add(std::string(width - used - right_width, ' ')).add(right, Style::dim);
  return row;
}

Row table_row(std::span<const TableColumn> columns, std::span<const Span> cells,
              const Glyphs& glyphs) {
  Row row;
  for (std::size_t i = 0; i < columns.size() && i < cells.size(); ++i) {
    if (i > 0) row.add(" ");
    row.add(fit(cells[i].text, columns[i].width, glyphs, columns[i].align), cells[i].style);
  }
  return row;
}

Row rule_row(std::string_view title, std::size_t width, const Glyphs& glyphs) {
  std::string text;
  text += glyphs.hline;
  text += glyphs.hline;
  text += " ";
  text += title;
  text += " ";
  std::size_t used = display_width(text);
  for (; used < width; ++used) text += glyphs.hline;
  return text_row(clip(text, width, glyphs), Style::header);
}

}  // namespace coscope::tui
