// The one key table (as htop's Action_setBindings): what each key does in which view. The
// dispatcher, the footer and the help screen are all generated from it.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "glyphs.hpp"
#include "key.hpp"
#include "rows.hpp"
#include "view_state.hpp"

namespace coscope::tui {

enum class Action : std::uint8_t {
  quit,
  help,
  back,
  open,
  view_tasks,
  view_tree,
  view_timeline,
  view_findings,
  up,
  down,
  page_up,
  page_down,
  top,
  bottom,
  sort_left,
  sort_right,
  sort_invert,
  filter,
  state_filter,
  next_event,
  prev_event,
  next_task_event,
  prev_task_event,
  jump_time,
  play_pause,
  faster,
  slower,
  next_finding,
  prev_finding,
  zoom_in,
  zoom_out,
  next_pane,
};

// Views as bits, for where a binding applies.
using ViewMask = std::uint32_t;
constexpr ViewMask view_bit(ViewId view) {
  return 1u << static_cast<unsigned>(view);
}
inline constexpr ViewMask kAllViews = (1u << kViewCount) - 1;

struct Binding {
  std::vector<Key> keys;
  Action action;
  ViewMask views;
  // Bindings sharing a footer label are shown together ("← → sort"); empty: help only.
  const char* footer;
  const char* help;  // the sentence on the help screen
};

std::span<const Binding> bindings();

// The binding of `key` in `view`, or nullptr.
const Binding* find_binding(Key key, ViewId view);

// The footer for a view: "key label" pairs in table order, as many as fit in `width`.
Row footer_row(ViewId view, std::size_t width, const Glyphs& glyphs);
// The help screen: one row per binding (all its keys, the views, the sentence).
Rows help_rows(const Glyphs& glyphs);

}  // namespace coscope::tui
