// The timeline: activity over the axis window (running and scheduled tasks per bucket,
// findings), the cursor, and the events around the cursor.
#include <algorithm>
#include <cstdio>

#include "event_row.hpp"
#include "views.hpp"
#include "widgets.hpp"

namespace coscope::tui {
namespace {

// A chart `height` rows tall of one value per column, with the cursor column reversed.
Rows bar_chart(std::span<const double> values, double max, std::size_t height, std::size_t cursor,
               const Glyphs& glyphs) {
  Rows rows;
  for (std::size_t r = 0; r < height; ++r) {
    Row row;
    const double floor = static_cast<double>(height - 1 - r) * 8;
    for (std::size_t c = 0; c < values.size(); ++c) {
      const double eighths = max > 0 ? values[c] / max * static_cast<double>(height) * 8 : 0;
      int level = static_cast<int>(std::clamp(eighths - floor, 0.0, 8.0) + 0.5);
      if (r + 1 == height && values[c] > 0 && level == 0) level = 1;  // never hide activity
      std::string cell(glyphs.eighths[static_cast<std::size_t>(level)]);
      const Style style = c == cursor ? Style::cursor : Style::activity;
      if (!row.spans.empty() && row.spans.back().style == style)
        row.spans.back().text += cell;
      else
        row.add(cell, style);
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace

Rows render_timeline(Session& session, ViewState& state, Size size, const Glyphs& glyphs) {
  const model::Model& model = session.model();
  const std::size_t width = size.width;
  const auto& activity = session.activity(state.window_from, state.window_to, width);
  const double max_running = activity.running.empty() ? 0
                                                      : *std::max_element(activity.running.begin(),
                                                                          activity.running.end());
  const double max_scheduled =
      activity.scheduled.empty()
          ? 0
          : *std::max_element(activity.scheduled.begin(), activity.scheduled.end());
  const std::size_t cursor = cell_of(state.cursor, state.window_from, state.window_to, width);
  Rows rows;
  char label[160];
  std::snprintf(label, sizeof label,
                "running tasks per bucket (max %.1f)  scheduled below (max %.1f)  window %s-%s",
                max_running, max_scheduled, format_duration(state.window_from, glyphs).c_str(),
                format_duration(state.window_to, glyphs).c_str());
  rows.push_back(text_row(clip(label, width, glyphs), Style::dim));
  const std::size_t chart = std::clamp<std::size_t>(size.height / 4, 2, 8);
  for (Row& row : bar_chart(activity.running, max_running, chart, cursor, glyphs))
    rows.push_back(std::move(row));
  Row scheduled;
  for (const std::string& cell : sparkline(activity.scheduled, max_scheduled, glyphs))
    scheduled.add(cell, Style::scheduled);
  rows.push_back(std::move(scheduled));
  Row findings;
  for (std::size_t c = 0; c < width && c < activity.findings.size(); ++c)
    findings.add(activity.findings[c] > 0 ? std::string(glyphs.finding) : " ", Style::warning);
  rows.push_back(std::move(findings));
  rows.push_back(axis_row(state.window_from, state.window_to, state.cursor, width, glyphs));
  rows.push_back(rule_row("events (" + std::to_string(model.event_count()) +
                              ")  ., or j/k: step  [ ]: selected task  Enter: open its task",
                          width, glyphs));
  const std::size_t used = rows.size();
  const std::size_t height = size.height > used ? size.height - used : 0;
  state.page = height;
  const model::EventIndex until = model.events_until(state.cursor);
  const std::size_t selected = until == 0 ? 0 : until - 1;
  // Keep the cursor's event in the middle so that what comes next is always visible.
  state.timeline_scroll.top = selected > height / 2 ? selected - height / 2 : 0;
  add_list(rows, model.event_count(), selected, state.timeline_scroll, height, [&](std::size_t i) {
    return event_row(model, static_cast<model::EventIndex>(i), state.cursor, width, true, glyphs);
  });
  return rows;
}

}  // namespace coscope::tui
