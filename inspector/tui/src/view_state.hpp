// Everything the UI remembers between keys: which view, the time cursor, sort and filters,
// list positions, playback. Plain data: actions change it, views read it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "coscope/model/types.hpp"

namespace coscope::tui {

using model::TaskIndex;
using model::Time;

enum class ViewId : std::uint8_t { tasks, tree, timeline, findings, detail, help };
inline constexpr int kViewCount = 6;

// The task table's columns, in display order (also the sort keys).
enum class Column : std::uint8_t {
  warn,
  id,
  name,
  state,
  total,
  busy,
  sched,
  idle,
  resumes,
  spawned_at,
};
inline constexpr int kColumnCount = 10;

// Cycled by one key; `live` is every task that is spawned and not finished.
enum class StateFilter : std::uint8_t { all, live, running, scheduled, suspended, done, failed };
inline constexpr int kStateFilterCount = 7;
const char* state_filter_name(StateFilter filter);

enum class InputMode : std::uint8_t { none, filter, jump_time };

// What the lower pane of the task detail shows.
enum class DetailPane : std::uint8_t { events, logs, stack };
inline constexpr int kDetailPaneCount = 3;

// A scrolled list: the first row shown. The selected row lives in the view's own terms
// (a task, a finding, an event) so that it survives re-sorting and filtering.
struct Scroll {
  std::size_t top = 0;
  // Keeps `selected` within [top, top + height): scrolls no more than needed.
  void follow(std::size_t selected, std::size_t height) {
    if (height == 0) return;
    if (selected < top) top = selected;
    if (selected >= top + height) top = selected - height + 1;
  }
};

struct ViewState {
  ViewId view = ViewId::tasks;
  std::vector<ViewId> back;  // where Esc returns to

  // The time cursor: every view shows the state once all events at or before it happened.
  Time cursor = 0;
  // The part of the trace the timeline shows (zoom); [window_from, window_to].
  Time window_from = 0;
  Time window_to = 0;

  TaskIndex selected_task = model::kNoTask;  // shared by the table, the tree and the detail
  Column sort = Column::id;
  bool descending = false;
  std::string filter;
  StateFilter state_filter = StateFilter::all;

  InputMode input = InputMode::none;
  std::string input_text;

  Scroll tasks_scroll;
  Scroll tree_scroll;
  Scroll findings_scroll;
  std::size_t selected_finding = 0;
  Scroll timeline_scroll;
  DetailPane detail_pane = DetailPane::events;
  std::size_t detail_row = 0;  // selected row of the detail's lower pane
  Scroll detail_scroll;
  Scroll help_scroll;

  bool playing = false;
  int speed = 0;  // index into kSpeeds (see playback.hpp)

  // One-line feedback ("no later finding"), shown in the footer until the next key.
  std::string message;
  // Rows the body had at the last draw: what PgUp/PgDn move by.
  std::size_t page = 20;
};

}  // namespace coscope::tui
