#include "list_actions.hpp"

#include <algorithm>

#include "keymap.hpp"
#include "views.hpp"

namespace coscope::tui {
namespace {

std::size_t detail_size(const ViewState& state, Session& session) {
  if (state.selected_task >= session.model().tasks().size()) return 0;
  switch (state.detail_pane) {
    case DetailPane::events:
      return session.task_events(state.selected_task).size();
    case DetailPane::logs:
      return session.task_logs(state.selected_task).size();
    case DetailPane::stack: {
      // As the detail view draws it: a rule, the frames, the histogram's title and bins.
      const std::size_t bins = session.distributions(state.selected_task).resume_bins.size();
      return 1 + session.stack(state.selected_task, state.cursor).size() + 1 +
             std::max<std::size_t>(bins, 1);
    }
  }
  return 0;
}

}  // namespace

std::size_t list_size(const ViewState& state, Session& session) {
  switch (state.view) {
    case ViewId::tasks:
      return session.task_order(state).size();
    case ViewId::tree:
      return session.tree(state).rows.size();
    case ViewId::findings:
      return session.model().findings().size();
    case ViewId::timeline:
      return session.model().event_count();
    case ViewId::detail:
      return detail_size(state, session);
    case ViewId::help:
      return help_lines(ascii_glyphs()).size();
  }
  return 0;
}

std::size_t list_position(const ViewState& state, Session& session) {
  switch (state.view) {
    case ViewId::tasks:
      return index_in(session.task_order(state), state.selected_task);
    case ViewId::tree:
      return index_in(session.tree(state).rows, state.selected_task);
    case ViewId::findings:
      return state.selected_finding;
    case ViewId::timeline: {
      const model::EventIndex until = session.model().events_until(state.cursor);
      return until == 0 ? 0 : until - 1;
    }
    case ViewId::detail:
      return state.detail_row;
    case ViewId::help:
      return state.help_scroll.top;
  }
  return 0;
}

void list_select(ViewState& state, Session& session, std::size_t position) {
  const std::size_t size = list_size(state, session);
  if (size == 0) return;
  position = std::min(position, size - 1);
  switch (state.view) {
    case ViewId::tasks:
      state.selected_task = session.task_order(state)[position];
      break;
    case ViewId::tree:
      state.selected_task = session.tree(state).rows[position].task;
      break;
    case ViewId::findings:
      state.selected_finding = position;
      break;
    case ViewId::timeline:
      break;  // the timeline's rows are events: see time actions
    case ViewId::detail:
      state.detail_row = position;
      break;
    case ViewId::help:
      state.help_scroll.top = position;
      break;
  }
}

void keep_selection_listed(ViewState& state, Session& session) {
  if (state.view != ViewId::tasks && state.view != ViewId::tree) return;
  if (list_position(state, session) == kNoRow) list_select(state, session, 0);
}

std::size_t event_row_at_cursor(const ViewState& state, Session& session) {
  if (state.selected_task >= session.model().tasks().size()) return 0;
  const auto& events = session.task_events(state.selected_task);
  const model::Model& model = session.model();
  // Task events are in time order: the first one after the cursor bounds the search.
  auto after = std::partition_point(events.begin(), events.end(), [&](model::EventIndex e) {
    return model.event(e).time <= state.cursor;
  });
  return after == events.begin() ? 0 : static_cast<std::size_t>(after - events.begin() - 1);
}

}  // namespace coscope::tui

namespace coscope::tui {

std::size_t index_in(const std::vector<TaskIndex>& order, TaskIndex task) {
  const auto it = std::find(order.begin(), order.end(), task);
  return it == order.end() ? kNoRow : static_cast<std::size_t>(it - order.begin());
}

std::size_t index_in(const std::vector<TreeRow>& tree, TaskIndex task) {
  for (std::size_t i = 0; i < tree.size(); ++i)
    if (tree[i].task == task) return i;
  return kNoRow;
}

}  // namespace coscope::tui
