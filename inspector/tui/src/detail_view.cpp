// One task: who it is, where it is (async stack at the cursor), how it spent its time
// (figures, resume-duration histogram), and what happened to it (events, logs).
#include <algorithm>

#include "event_row.hpp"
#include "names.hpp"
#include "task_order.hpp"
#include "views.hpp"
#include "widgets.hpp"

namespace coscope::tui {
namespace {

std::string task_label(const model::Model& model, TaskIndex index) {
  if (index >= model.tasks().size()) return "-";
  const model::Task& task = model.tasks()[index];
  return "#" + std::to_string(task.id) + " " + (task.name.empty() ? "?" : short_name(task.name));
}

Rows identity(Session& session, const ViewState& state, std::size_t width, const Glyphs& g) {
  const model::Model& model = session.model();
  const TaskIndex index = state.selected_task;
  const model::Task& task = model.tasks()[index];
  const model::TaskState& s = session.snapshot(state.cursor).tasks[index];
  Rows rows;
  Row first;
  first.add(task_label(model, index), Style::bold).add("  ");
  first.add(model::phase_name(s.phase), phase_style(s.phase));
  if (s.phase != model::Phase::not_spawned && state.cursor >= s.since)
    first.add(" for " + format_duration(state.cursor - s.since, g) + " (since " +
              format_duration(s.since, g) + ")");
  if (s.phase == model::Phase::suspended && s.site != 0 && !model.site(s.site).operation.empty())
    first.add(" awaiting " + std::string(model.site(s.site).operation), Style::suspended);
  if (s.phase == model::Phase::running) first.add(" on " + thread_label(model, s.thread));
  rows.push_back(std::move(first));
  std::string spawned = "spawned at " + format_duration(task.spawned, g);
  if (task.parent != model::kNoTask) spawned += " by " + task_label(model, task.parent);
  if (const std::string site = spawn_site(model, task); !site.empty()) spawned += " at " + site;
  spawned += " on " + thread_label(model, task.spawn_thread);
  if (task.ended)
    spawned += "; ended " + std::string(model::completion_name(task.status)) + " at " +
               format_duration(*task.ended, g);
  rows.push_back(text_row(clip(spawned, width, g)));
  if (task.failed() && !task.exception_type.empty())
    rows.push_back(text_row(
        clip("exception: " + std::string(task.exception_type) + " " + task.message, width, g),
        Style::failed));
  const model::TaskFigures& f = task.figures;
  std::string figures = "busy " + format_duration(f.busy, g) + "  sched " +
                        format_duration(f.scheduled, g) + "  idle " + format_duration(f.idle, g) +
                        "  resumes " + std::to_string(f.resumes) + "  wakes " +
                        std::to_string(f.wakes);
  if (f.first_resume_delay)
    figures += "  first resume after " + format_duration(*f.first_resume_delay, g);
  if (task.findings > 0) figures += "  findings " + std::to_string(task.findings);
  rows.push_back(text_row(clip(figures, width, g)));
  const model::TaskDistributions& d = session.distributions(index).percentiles;
  auto pct = [&](const char* what, const model::Percentiles& p) {
    return std::string(what) + " p50 " + format_duration(p.p50, g) + " p90 " +
           format_duration(p.p90, g) + " p99 " + format_duration(p.p99, g) + " max " +
           format_duration(p.max, g);
  };
  rows.push_back(text_row(
      clip(pct("resume", d.resume_duration) + "   " + pct("sched delay", d.scheduling_delay), width,
           g),
      Style::dim));
  return rows;
}

Row stack_row(const model::AsyncFrame& frame, std::size_t width, const Glyphs& g) {
  Style style = Style::normal;
  if (frame.role == model::FrameRole::await_site || frame.role == model::FrameRole::spawn_site)
    style = Style::bold;
  Row row;
  row.add(fit(model::frame_role_name(frame.role), 15, g), Style::dim);
  if (frame.in_library()) style = Style::dim;
  const std::size_t room = width > 15 ? width - 15 : 0;
  std::string text = short_name(frame.describe());
  if (display_width(text) > room) text = short_name(describe_with_short_paths(frame, g.ellipsis));
  row.add(clip(text, room, g), style);
  return row;
}

Rows histogram(Session& session, TaskIndex task, std::size_t width, const Glyphs& g) {
  const auto& bins = session.distributions(task).resume_bins;
  Rows rows;
  rows.push_back(text_row(clip("resume durations (log bins)", width, g), Style::header));
  if (bins.empty()) {
    rows.push_back(text_row("  never resumed", Style::dim));
    return rows;
  }
  std::uint64_t max = 0;
  for (const auto& bin : bins) max = std::max(max, bin.count);
  for (const auto& bin : bins) {
    const std::string range = format_duration(bin.low, g) + "-" + format_duration(bin.high, g);
    const std::string count = std::to_string(bin.count);
    const std::size_t bar_width = width > 28 ? width - 28 : 1;
    Row row;
    row.add(fit(range, 17, g, Align::right), Style::dim).add(" ");
    row.add(fit(bar(static_cast<double>(bin.count), static_cast<double>(max), bar_width, g),
                bar_width, g),
            Style::activity);
    row.add(" " + fit(count, 8, g, Align::right));
    rows.push_back(std::move(row));
  }
  return rows;
}

Row log_row(const model::LogEntry& log, Time cursor, std::size_t width, const Glyphs& g) {
  const bool happened = log.time <= cursor;
  Row row;
  row.add(fit(format_duration(log.time, g), 9, g, Align::right),
          happened ? Style::normal : Style::dim)
      .add(" ");
  const Style level = log.level >= 4 ? Style::failed : log.level == 3 ? Style::warning : Style::dim;
  row.add(fit(model::log_level_name(log.level), 8, g), level).add(" ");
  row.add(clip(std::string(log.logger) + ": " + log.text, width > 19 ? width - 19 : 0, g),
          happened ? Style::normal : Style::dim);
  return row;
}

}  // namespace

Rows render_detail(Session& session, ViewState& state, Size size, const Glyphs& glyphs) {
  const model::Model& model = session.model();
  if (state.selected_task >= model.tasks().size()) return {text_row("no task selected")};
  const TaskIndex task = state.selected_task;
  const std::size_t width = size.width;
  Rows rows = identity(session, state, width, glyphs);
  const model::AsyncStack& stack = session.stack(task, state.cursor);
  const bool wide = width >= 100;
  // The upper part: the stack (and the histogram beside it on wide screens), bounded so the
  // lower pane keeps at least a third of the screen.
  const std::size_t room = size.height > rows.size() + 1 ? size.height - rows.size() - 1 : 0;
  const std::size_t upper =
      std::min<std::size_t>(room - std::min(room, std::max<std::size_t>(room / 3, 4)), 11);
  if (state.detail_pane != DetailPane::stack && upper > 1) {
    const std::size_t left_width = wide ? width - 46 : width;
    Rows left;
    left.push_back(
        rule_row("async stack at " + format_duration(state.cursor, glyphs), left_width, glyphs));
    // Rows are scarce here: library frames (std, Boost) are folded; Tab shows them all.
    std::size_t folded = 0;
    for (const auto& frame : stack) {
      if (frame.in_library())
        ++folded;
      else
        left.push_back(stack_row(frame, left_width, glyphs));
    }
    if (folded > 0)
      left.push_back(text_row(
          "  " + std::to_string(folded) + " library frames folded (Tab: full stack)", Style::dim));
    if (stack.empty()) left.push_back(text_row("  (no stack recorded)", Style::dim));
    Rows right = wide ? histogram(session, task, 45, glyphs) : Rows{};
    const std::size_t n = std::min(upper, std::max(left.size(), right.size()));
    for (std::size_t i = 0; i < n; ++i) {
      Row row = i < left.size() ? left[i] : Row{};
      if (wide) {
        const std::size_t used = display_width(row.text());
        row.add(std::string(left_width + 1 > used ? left_width + 1 - used : 1, ' '));
        if (i < right.size())
          for (Span& span : right[i].spans) row.spans.push_back(span);
      }
      rows.push_back(std::move(row));
    }
  }
  // The lower pane.
  static const char* const kPaneNames[] = {"events", "logs", "async stack + histogram"};
  std::size_t count = 0;
  if (state.detail_pane == DetailPane::events) count = session.task_events(task).size();
  if (state.detail_pane == DetailPane::logs) count = session.task_logs(task).size();
  Rows pane_rows;
  if (state.detail_pane == DetailPane::stack) {
    pane_rows.push_back(
        rule_row("async stack at " + format_duration(state.cursor, glyphs), width, glyphs));
    for (const auto& frame : stack) pane_rows.push_back(stack_row(frame, width, glyphs));
    for (Row& row : histogram(session, task, std::min<std::size_t>(width, 80), glyphs))
      pane_rows.push_back(std::move(row));
    count = pane_rows.size();
  }
  rows.push_back(rule_row(std::string(kPaneNames[static_cast<int>(state.detail_pane)]) + " (" +
                              std::to_string(count) + ")  Tab: next pane  Enter: cursor here",
                          width, glyphs));
  const std::size_t height = size.height > rows.size() ? size.height - rows.size() : 0;
  state.page = height;
  if (count == 0) {
    rows.push_back(text_row("  none", Style::dim));
    return rows;
  }
  add_list(rows, count, state.detail_row, state.detail_scroll, height, [&](std::size_t i) {
    switch (state.detail_pane) {
      case DetailPane::events:
        return event_row(model, session.task_events(task)[i], state.cursor, width, false, glyphs);
      case DetailPane::logs:
        return log_row(model.logs()[session.task_logs(task)[i]], state.cursor, width, glyphs);
      case DetailPane::stack:
        return pane_rows[i];
    }
    return Row{};
  });
  return rows;
}

}  // namespace coscope::tui
