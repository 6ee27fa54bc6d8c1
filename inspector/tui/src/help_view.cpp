// The help screen: the key table, as the dispatcher uses it, plus what the screen shows.
#include "keymap.hpp"
#include "views.hpp"

namespace coscope::tui {

Rows help_lines(const Glyphs& glyphs) {
  Rows all = help_rows(glyphs);
  all.push_back(Row{});
  all.push_back(text_row("The time cursor", Style::header));
  all.push_back(
      text_row("  Every view shows the trace as it was at the cursor: once every event "
               "at or before it happened."));
  all.push_back(
      text_row("  The strip under the title shows running tasks per time bucket; "
               "buckets with findings are highlighted."));
  all.push_back(
      text_row("  Task figures (busy, sched, idle, resumes) are over the task's whole "
               "life; state and total are at the cursor."));
  all.push_back(Row{});
  all.push_back(text_row("Environment", Style::header));
  all.push_back(text_row("  NO_COLOR=1       no colours (attributes only)"));
  all.push_back(
      text_row("  COSCOPE_ASCII=1  ASCII drawing characters (also when the locale "
               "is not UTF-8)"));
  return all;
}

Rows render_help(ViewState& state, Size size, const Glyphs& glyphs) {
  const Rows all = help_lines(glyphs);
  Rows rows;
  const std::size_t height = size.height;
  if (all.size() > height && state.help_scroll.top > all.size() - height)
    state.help_scroll.top = all.size() - height;
  if (all.size() <= height) state.help_scroll.top = 0;
  state.page = height;
  for (std::size_t i = state.help_scroll.top; i < all.size() && rows.size() < height; ++i)
    rows.push_back(all[i]);
  return rows;
}

}  // namespace coscope::tui
