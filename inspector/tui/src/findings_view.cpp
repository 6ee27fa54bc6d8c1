// The findings of the trace, in time order; Enter jumps to the moment and the task.
#include "names.hpp"
#include "views.hpp"
#include "widgets.hpp"

namespace coscope::tui {

Rows render_findings(Session& session, ViewState& state, Size size, const Glyphs& glyphs) {
  const model::Model& model = session.model();
  const auto& findings = model.findings();
  Rows rows;
  std::size_t warnings = 0;
  for (const model::Finding& f : findings)
    warnings += model::severity(f.kind) == model::Severity::warning;
  rows.push_back(
      text_row(clip(std::to_string(findings.size()) + " findings (" + std::to_string(warnings) +
                        " warnings)  Enter: go to its moment and task",
                    size.width, glyphs),
               Style::dim));
  const TableColumn columns[] = {{"time", 9, Align::right},
                                 {"kind", 15, Align::left},
                                 {"task", 20, Align::left},
                                 {"what", size.width > 48 ? size.width - 48 : 0, Align::left}};
  const Span headings[] = {{"time", Style::header},
                           {"kind", Style::header},
                           {"task", Style::header},
                           {"what", Style::header}};
  rows.push_back(table_row(columns, headings, glyphs));
  if (findings.empty()) {
    rows.push_back(
        text_row("  no findings: nothing blocked, stalled, failed or got lost", Style::dim));
    return rows;
  }
  const std::size_t height = size.height > 2 ? size.height - 2 : 0;
  state.page = height;
  add_list(rows, findings.size(), state.selected_finding, state.findings_scroll, height,
           [&](std::size_t i) {
             const model::Finding& f = findings[i];
             std::string task = "-";
             if (f.task < model.tasks().size()) {
               const model::Task& t = model.tasks()[f.task];
               task = "#" + std::to_string(t.id) + " " + short_name(t.name);
             }
             // Past findings are plain; those after the cursor are dimmed: not yet happened.
             const bool happened = f.time <= state.cursor;
             const Span cells[] = {
                 {format_duration(f.time, glyphs), happened ? Style::normal : Style::dim},
                 {model::finding_kind_name(f.kind), severity_style(f.kind)},
                 {task, Style::bold},
                 {model.finding_summary(f), happened ? Style::normal : Style::dim}};
             return table_row(columns, cells, glyphs);
           });
  return rows;
}

}  // namespace coscope::tui
