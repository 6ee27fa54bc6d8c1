#include "event_row.hpp"
#include "names.hpp"

#include "text.hpp"
#include "widgets.hpp"

namespace coscope::tui {

std::string thread_label(const model::Model& model, model::ThreadIndex thread) {
  if (thread >= model.threads().size()) return "-";
  const model::ThreadInfo& info = model.threads()[thread];
  if (!info.name.empty()) return std::string(info.name);
  return std::to_string(info.os_id);
}

Row event_row(const model::Model& model, model::EventIndex index, model::Time cursor,
              std::size_t width, bool with_task, const Glyphs& glyphs) {
  const model::Event event = model.event(index);
  const bool happened = event.time <= cursor;
  Style kind_style = Style::normal;
  switch (event.kind) {
    case model::EventKind::resume:
      kind_style = Style::running;
      break;
    case model::EventKind::wake:
    case model::EventKind::spawn:
      kind_style = Style::scheduled;
      break;
    case model::EventKind::suspend:
      kind_style = Style::suspended;
      break;
    case model::EventKind::complete:
      kind_style = Style::done;
      break;
    case model::EventKind::exception:
    case model::EventKind::blocking_call:
    case model::EventKind::slow_resume:
    case model::EventKind::lost_task:
    case model::EventKind::dropped_events:
      kind_style = Style::warning;
      break;
    default:
      break;
  }
  std::vector<TableColumn> columns = {{"time", 9, Align::right}, {"thread", 8, Align::left}};
  std::vector<Span> cells = {
      {format_duration(event.time, glyphs), happened ? Style::normal : Style::dim},
      {thread_label(model, event.thread), Style::dim}};
  std::size_t used = 9 + 1 + 8;
  if (with_task) {
    std::string task = "-";
    if (event.task < model.tasks().size()) {
      const model::Task& t = model.tasks()[event.task];
      task = "#" + std::to_string(t.id) + " " + short_name(t.name);
    }
    columns.push_back({"task", 18, Align::left});
    cells.push_back({task, Style::bold});
    used += 1 + 18;
  }
  columns.push_back({"kind", 11, Align::left});
  cells.push_back({model::event_kind_name(event.kind), happened ? kind_style : Style::dim});
  used += 1 + 11;
  columns.push_back({"what", width > used + 1 ? width - used - 1 : 0, Align::left});
  cells.push_back({model.describe(event), happened ? Style::normal : Style::dim});
  return table_row(columns, cells, glyphs);
}

}  // namespace coscope::tui
