// Tasks as a parent/child tree at the cursor time.
#include "names.hpp"
#include "task_order.hpp"
#include "views.hpp"
#include "widgets.hpp"

namespace coscope::tui {
namespace {

std::string indent_text(const std::string& indent, const Glyphs& glyphs) {
  std::string out;
  for (std::size_t i = 0; i < indent.size(); ++i) {
    const bool own = i + 1 == indent.size();
    switch (indent[i]) {
      case 'p':
        out += glyphs.tree_pipe;
        break;
      case 's':
        out += glyphs.tree_space;
        break;
      case 'b':
        out += own ? glyphs.tree_branch : glyphs.tree_pipe;
        break;
      case 'l':
        out += own ? glyphs.tree_last : glyphs.tree_space;
        break;
      default:
        break;
    }
  }
  return out;
}

}  // namespace

Rows render_tree(Session& session, ViewState& state, Size size, const Glyphs& glyphs) {
  const model::Model& model = session.model();
  const auto& tree = session.tree(state);
  const model::Snapshot& snap = session.snapshot(state.cursor);
  Rows rows;
  std::string info = std::to_string(tree.rows.size()) + " tasks at " +
                     format_duration(state.cursor, glyphs) +
                     "  state: " + state_filter_name(state.state_filter);
  if (!state.filter.empty()) info += "  filter: \"" + state.filter + "\"";
  rows.push_back(text_row(clip(info, size.width, glyphs), Style::dim));
  if (tree.rows.empty()) {
    rows.push_back(text_row("  no task at this time", Style::dim));
    return rows;
  }
  const std::size_t selected = index_in(tree.rows, state.selected_task);
  const std::size_t height = size.height > 1 ? size.height - 1 : 0;
  state.page = height;
  add_list(rows, tree.rows.size(), selected, state.tree_scroll, height, [&](std::size_t i) {
    const model::Task& task = model.tasks()[tree.rows[i].task];
    const model::TaskState& s = snap.tasks[tree.rows[i].task];
    Row row;
    row.add(indent_text(tree.indent(model, i), glyphs), Style::dim);
    row.add(task.name.empty() ? "?" : short_name(task.name), Style::bold);
    row.add(" #" + std::to_string(task.id) + " ", Style::dim);
    row.add(model::phase_name(s.phase), phase_style(s.phase));
    if (s.phase == model::Phase::suspended && s.site != 0) {
      const auto op = model.site(s.site).operation;
      if (!op.empty()) row.add(" awaiting " + std::string(op), Style::dim);
    }
    if (task.findings > 0) row.add(" " + std::string(glyphs.finding), Style::warning);
    // Cut at the width here, so that long names do not wrap in the terminal layer's padding.
    Row cut;
    std::size_t left = size.width;
    for (Span& span : row.spans) {
      if (left == 0) break;
      span.text = clip(span.text, left, glyphs);
      left -= display_width(span.text);
      cut.spans.push_back(std::move(span));
    }
    return cut;
  });
  return rows;
}

}  // namespace coscope::tui
