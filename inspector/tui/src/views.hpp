// The views: each turns the session (model + caches) and the view state into rows for a
// body of the given size. They may scroll their list to keep the selection visible; they
// never touch the terminal.
#pragma once

#include <cstddef>

#include "glyphs.hpp"
#include "rows.hpp"
#include "session.hpp"
#include "view_state.hpp"

namespace coscope::tui {

struct Size {
  std::size_t width = 80;
  std::size_t height = 24;
};

Rows render_tasks(Session& session, ViewState& state, Size size, const Glyphs& glyphs);
Rows render_tree(Session& session, ViewState& state, Size size, const Glyphs& glyphs);
Rows render_timeline(Session& session, ViewState& state, Size size, const Glyphs& glyphs);
Rows render_findings(Session& session, ViewState& state, Size size, const Glyphs& glyphs);
Rows render_detail(Session& session, ViewState& state, Size size, const Glyphs& glyphs);
Rows render_help(ViewState& state, Size size, const Glyphs& glyphs);

// The chrome around the views: the title bar, the time strip (activity over the axis window
// with the cursor), and the footer (keys, or the open prompt, or a message).
Row render_title(Session& session, const ViewState& state, std::size_t width, const Glyphs& glyphs);
Rows render_time_strip(Session& session, const ViewState& state, std::size_t width,
                       const Glyphs& glyphs);
Row render_footer(const ViewState& state, std::size_t width, const Glyphs& glyphs);

// The list part of a view: rows [scroll.top, scroll.top + height) of `count`, the row
// `selected` filled with the selection style (none for kNoRow). `row_of(i)` renders row i.
inline constexpr std::size_t kNoRow = static_cast<std::size_t>(-1);

// The row of `task` in a list of tasks or tree rows, kNoRow when it is not listed.
std::size_t index_in(const std::vector<TaskIndex>& order, TaskIndex task);
std::size_t index_in(const std::vector<TreeRow>& tree, TaskIndex task);

// The help screen's lines: the key table, then notes on the cursor and the environment.
Rows help_lines(const Glyphs& glyphs);

template <typename RowOf>
void add_list(Rows& out, std::size_t count, std::size_t selected, Scroll& scroll,
              std::size_t height, RowOf row_of) {
  if (count == 0 || height == 0) return;
  if (selected != kNoRow && selected >= count) selected = count - 1;
  if (scroll.top >= count) scroll.top = count - 1;
  if (selected != kNoRow) scroll.follow(selected, height);
  for (std::size_t i = scroll.top; i < count && i < scroll.top + height; ++i) {
    Row row = row_of(i);
    if (i == selected) {
      row.fill = true;
      row.fill_style = Style::selected;
    }
    out.push_back(std::move(row));
  }
}

}  // namespace coscope::tui
