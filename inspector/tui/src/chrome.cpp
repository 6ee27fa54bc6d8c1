// The title bar, the time strip and the footer.
#include <algorithm>

#include "keymap.hpp"
#include "playback.hpp"
#include "views.hpp"
#include "widgets.hpp"

namespace coscope::tui {
namespace {

const char* view_title(ViewId view) {
  switch (view) {
    case ViewId::tasks:
      return "Tasks";
    case ViewId::tree:
      return "Tree";
    case ViewId::timeline:
      return "Timeline";
    case ViewId::findings:
      return "Findings";
    case ViewId::detail:
      return "Task";
    case ViewId::help:
      return "Help";
  }
  return "";
}

}  // namespace

Row render_title(Session& session, const ViewState& state, std::size_t width,
                 const Glyphs& glyphs) {
  const model::Model& model = session.model();
  const model::Snapshot& snap = session.snapshot(state.cursor);
  Row row;
  row.fill = true;
  row.fill_style = Style::title;
  std::size_t used = 0;
  auto add = [&](std::string text, Style style) {
    const std::size_t w = display_width(text);
    if (used + w > width) return false;
    used += w;
    row.add(std::move(text), style);
    return true;
  };
  add(" coscope ", Style::title);
  static constexpr ViewId kTabs[] = {ViewId::tasks, ViewId::tree, ViewId::timeline,
                                     ViewId::findings};
  for (int i = 0; i < 4; ++i) {
    const bool active =
        state.view == kTabs[i] || (!state.back.empty() && state.back.front() == kTabs[i]);
    add(std::to_string(i + 1) + " " + view_title(kTabs[i]) + " ",
        active ? Style::selected : Style::title);
  }
  if (state.view == ViewId::detail || state.view == ViewId::help)
    add(std::string("> ") + view_title(state.view) + " ", Style::selected);
  std::string clock = std::string(state.playing ? glyphs.playing : glyphs.paused) + " " +
                      speed_label(state.speed) + "  t=" + format_duration(state.cursor, glyphs) +
                      "/" + format_duration(model.end(), glyphs) + " ";
  add(clock, Style::title);
  // The trace is incomplete when the tracer dropped events: say so before anything else.
  if (model.dropped_events() > 0)
    add(std::to_string(model.dropped_events()) + " dropped ", Style::warning);
  using model::Phase;
  const std::pair<Phase, const char*> counts[] = {{Phase::running, "run"},
                                                  {Phase::scheduled, "sched"},
                                                  {Phase::suspended, "susp"},
                                                  {Phase::done, "done"},
                                                  {Phase::failed, "fail"}};
  for (const auto& [phase, label] : counts)
    if (!add(std::to_string(snap.count(phase)) + " " + label + " ", Style::title)) break;
  return row;
}

Rows render_time_strip(Session& session, const ViewState& state, std::size_t width,
                       const Glyphs& glyphs) {
  Rows rows;
  if (width == 0) return rows;
  const auto& activity = session.activity(state.window_from, state.window_to, width);
  double max = 0;
  for (double v : activity.running) max = std::max(max, v);
  const auto cells = sparkline(activity.running, max, glyphs);
  const std::size_t cursor = cell_of(state.cursor, state.window_from, state.window_to, width);
  Row strip;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    // Buckets holding a finding are drawn in the warning colour, the cursor's cell reversed.
    Style style = activity.findings[i] > 0 ? Style::warning : Style::activity;
    if (i == cursor) style = Style::cursor;
    std::string cell = cells[i];
    if (cell == " " && activity.findings[i] > 0) cell = std::string(glyphs.eighths[1]);
    if (!strip.spans.empty() && strip.spans.back().style == style)
      strip.spans.back().text += cell;
    else
      strip.add(cell, style);
  }
  rows.push_back(std::move(strip));
  rows.push_back(axis_row(state.window_from, state.window_to, state.cursor, width, glyphs));
  return rows;
}

Row render_footer(const ViewState& state, std::size_t width, const Glyphs& glyphs) {
  if (state.input != InputMode::none) {
    Row row;
    row.add(state.input == InputMode::filter ? "filter: " : "jump to time: ", Style::prompt)
        .add(state.input_text + "_", Style::bold)
        .add(state.input == InputMode::filter ? "   (Enter keep, Esc clear)"
                                              : "   (1.5s 250ms 40us 50% +10ms -1s; Esc cancel)",
             Style::dim);
    return row;
  }
  if (!state.message.empty()) return text_row(clip(state.message, width, glyphs), Style::prompt);
  return footer_row(state.view, width, glyphs);
}

}  // namespace coscope::tui
