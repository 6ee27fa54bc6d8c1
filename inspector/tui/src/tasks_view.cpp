// The task table: one row per task at the cursor time, sorted and filtered.
#include <array>

#include "names.hpp"
#include "task_order.hpp"
#include "views.hpp"
#include "widgets.hpp"

namespace coscope::tui {
namespace {

struct ColumnSpec {
  Column column;
  const char* title;
  std::size_t width;  // minimum; name and spawned-at take what is left
  Align align;
  int drop_order;  // narrow screens drop the highest first (0: never)
};

constexpr std::array<ColumnSpec, kColumnCount> kSpecs = {{
    {Column::warn, "!", 2, Align::left, 0},
    {Column::id, "id", 7, Align::right, 0},
    {Column::name, "name", 12, Align::left, 0},
    {Column::state, "state", 9, Align::left, 0},
    {Column::total, "total", 7, Align::right, 3},
    {Column::busy, "busy", 7, Align::right, 1},
    {Column::sched, "sched", 7, Align::right, 6},
    {Column::idle, "idle", 7, Align::right, 5},
    {Column::resumes, "resumes", 7, Align::right, 2},
    {Column::spawned_at, "spawned at", 14, Align::left, 4},
}};

// Which columns fit in `width`, and how wide each is.
std::vector<std::pair<ColumnSpec, std::size_t>> layout(std::size_t width) {
  std::vector<ColumnSpec> shown(kSpecs.begin(), kSpecs.end());
  auto needed = [&] {
    std::size_t sum = shown.empty() ? 0 : shown.size() - 1;
    for (const ColumnSpec& spec : shown) sum += spec.width;
    return sum;
  };
  while (needed() > width) {
    auto widest_drop = std::max_element(
        shown.begin(), shown.end(), [](auto& a, auto& b) { return a.drop_order < b.drop_order; });
    if (widest_drop == shown.end() || widest_drop->drop_order == 0) break;
    shown.erase(widest_drop);
  }
  std::size_t spare = width > needed() ? width - needed() : 0;
  const bool has_site = std::any_of(shown.begin(), shown.end(),
                                    [](auto& s) { return s.column == Column::spawned_at; });
  std::vector<std::pair<ColumnSpec, std::size_t>> out;
  for (const ColumnSpec& spec : shown) {
    std::size_t w = spec.width;
    // The spare room goes to the name, and a third of it to the spawn site when shown.
    if (spec.column == Column::name) w += has_site ? spare - spare / 3 : spare;
    if (spec.column == Column::spawned_at) w += spare / 3;
    out.emplace_back(spec, w);
  }
  return out;
}

Span cell(Session& session, const ViewState& state, TaskIndex index, Column column,
          const Glyphs& glyphs) {
  const model::Model& model = session.model();
  const model::Task& task = model.tasks()[index];
  const model::Snapshot& snap = session.snapshot(state.cursor);
  const model::TaskState& s = snap.tasks[index];
  const auto duration = [&](Time t) { return Span{format_duration(t, glyphs), Style::normal}; };
  switch (column) {
    case Column::warn:
      if (task.findings == 0) return {"", Style::normal};
      return {std::string(glyphs.finding) +
                  (task.findings < 10 ? std::to_string(task.findings) : std::string("+")),
              Style::warning};
    case Column::id:
      return {std::to_string(task.id), Style::normal};
    case Column::name:
      return {task.name.empty() ? "?" : short_name(task.name), Style::bold};
    case Column::state:
      return {model::phase_name(s.phase), phase_style(s.phase)};
    case Column::total:
      return duration(task_total(task, s, snap.time));
    case Column::busy:
      return duration(task.figures.busy);
    case Column::sched:
      return duration(task.figures.scheduled);
    case Column::idle:
      return duration(task.figures.idle);
    case Column::resumes:
      return {std::to_string(task.figures.resumes), Style::normal};
    case Column::spawned_at:
      return {session.texts().site(index), Style::dim};
  }
  return {};
}

}  // namespace

Rows render_tasks(Session& session, ViewState& state, Size size, const Glyphs& glyphs) {
  Rows rows;
  const auto& order = session.task_order(state);
  const auto columns = layout(size.width);
  std::vector<TableColumn> table;
  std::vector<Span> headings;
  for (const auto& [spec, width] : columns) {
    table.push_back({spec.title, width, spec.align});
    std::string title = spec.title;
    if (spec.column == state.sort)
      title += std::string(state.descending ? glyphs.sort_descending : glyphs.sort_ascending);
    headings.push_back({title, spec.column == state.sort ? Style::selected : Style::header});
  }
  std::string info = std::to_string(order.size()) + " of " +
                     std::to_string(session.model().tasks().size()) + " tasks at " +
                     format_duration(state.cursor, glyphs) +
                     "  state: " + state_filter_name(state.state_filter);
  if (!state.filter.empty()) info += "  filter: \"" + state.filter + "\"";
  info += "  (figures: whole trace)";
  rows.push_back(text_row(clip(info, size.width, glyphs), Style::dim));
  rows.push_back(table_row(table, headings, glyphs));
  if (order.empty()) {
    rows.push_back(text_row(session.model().tasks().empty()
                                ? "  the trace has no tasks"
                                : "  no task matches at this time (s: state filter, /: text)",
                            Style::dim));
    return rows;
  }
  // When the selected task is not listed at this time (not spawned yet), no row is
  // highlighted, and the selection is kept for when it comes back.
  const std::size_t selected = index_in(order, state.selected_task);
  const std::size_t height = size.height > 2 ? size.height - 2 : 0;
  state.page = height;
  add_list(rows, order.size(), selected, state.tasks_scroll, height, [&](std::size_t i) {
    std::vector<Span> cells;
    for (const auto& [spec, width] : columns)
      cells.push_back(cell(session, state, order[i], spec.column, glyphs));
    return table_row(table, cells, glyphs);
  });
  return rows;
}

}  // namespace coscope::tui
