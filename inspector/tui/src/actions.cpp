#include "actions.hpp"

#include <algorithm>

#include "list_actions.hpp"
#include "playback.hpp"
#include "time_actions.hpp"
#include "views.hpp"

namespace coscope::tui {
namespace {

RedrawMask switch_view(ViewState& state, ViewId view) {
  state.back.clear();
  state.view = view;
  return kRedrawAll;
}

RedrawMask push_view(ViewState& state, ViewId view) {
  if (state.view == view) return kRedrawNone;
  state.back.push_back(state.view);
  state.view = view;
  return kRedrawAll;
}

RedrawMask open_detail(ViewState& state, Session& session, TaskIndex task) {
  if (task >= session.model().tasks().size()) {
    state.message = "no task to open";
    return kRedrawFooter;
  }
  state.selected_task = task;
  state.detail_pane = DetailPane::events;
  state.detail_scroll = {};
  push_view(state, ViewId::detail);
  state.detail_row = event_row_at_cursor(state, session);
  return kRedrawAll;
}

RedrawMask open(ViewState& state, Session& session) {
  const model::Model& model = session.model();
  switch (state.view) {
    case ViewId::tasks:
    case ViewId::tree:
      return open_detail(state, session, state.selected_task);
    case ViewId::findings: {
      if (state.selected_finding >= model.findings().size()) return kRedrawNone;
      const model::Finding& finding = model.findings()[state.selected_finding];
      set_cursor(state, session, finding.time);
      if (finding.task == model::kNoTask) return kRedrawAll;
      return open_detail(state, session, finding.task);
    }
    case ViewId::timeline: {
      const model::EventIndex until = model.events_until(state.cursor);
      if (until == 0) return kRedrawNone;
      return open_detail(state, session, model.event(until - 1).task);
    }
    case ViewId::detail:
      return go_to_detail_row(state, session);
    case ViewId::help:
      return kRedrawNone;
  }
  return kRedrawNone;
}

RedrawMask back(ViewState& state) {
  if ((state.view == ViewId::tasks || state.view == ViewId::tree) &&
      (!state.filter.empty() || state.state_filter != StateFilter::all) && state.back.empty()) {
    state.filter.clear();
    state.state_filter = StateFilter::all;
    return kRedrawAll;
  }
  if (state.back.empty()) return kRedrawNone;
  state.view = state.back.back();
  state.back.pop_back();
  return kRedrawAll;
}

RedrawMask move(ViewState& state, Session& session, long delta) {
  if (state.view == ViewId::timeline) return step_events(state, session, delta);
  const std::size_t size = list_size(state, session);
  if (size == 0) return kRedrawNone;
  const std::size_t current = list_position(state, session);
  // A selected task that is not listed (not spawned at the cursor): start from the top.
  if (current == kNoRow) {
    list_select(state, session, 0);
    return kRedrawBody | kRedrawHeader;
  }
  const long position = static_cast<long>(current) + delta;
  list_select(state, session,
              static_cast<std::size_t>(std::clamp(position, 0L, static_cast<long>(size) - 1)));
  return kRedrawBody | kRedrawHeader;
}

RedrawMask sort_by(ViewState& state, int delta) {
  const int column = (static_cast<int>(state.sort) + delta + kColumnCount) % kColumnCount;
  state.sort = static_cast<Column>(column);
  return kRedrawBody;
}

}  // namespace

ViewState initial_state(const model::Model& model) {
  ViewState state;
  state.cursor = model.end();
  state.window_from = 0;
  state.window_to = model.end();
  state.speed = default_speed(model.end());
  if (!model.tasks().empty()) state.selected_task = 0;
  return state;
}

RedrawMask apply(Action action, ViewState& state, Session& session) {
  const long page = static_cast<long>(std::max<std::size_t>(state.page, 1));
  switch (action) {
    case Action::quit:
      return kQuit;
    case Action::help:
      if (state.view == ViewId::help) return back(state);
      state.help_scroll = {};
      return push_view(state, ViewId::help);
    case Action::back:
      return back(state);
    case Action::open:
      return open(state, session);
    case Action::view_tasks:
      return switch_view(state, ViewId::tasks);
    case Action::view_tree:
      return switch_view(state, ViewId::tree);
    case Action::view_timeline:
      return switch_view(state, ViewId::timeline);
    case Action::view_findings:
      return switch_view(state, ViewId::findings);
    case Action::up:
      return move(state, session, -1);
    case Action::down:
      return move(state, session, 1);
    case Action::page_up:
      return move(state, session, -page);
    case Action::page_down:
      return move(state, session, page);
    case Action::top:
      return move(state, session, -(1L << 40));
    case Action::bottom:
      return move(state, session, 1L << 40);
    case Action::sort_left:
      return sort_by(state, -1);
    case Action::sort_right:
      return sort_by(state, 1);
    case Action::sort_invert:
      state.descending = !state.descending;
      return kRedrawBody;
    case Action::filter:
      state.input = InputMode::filter;
      state.input_text = state.filter;
      return kRedrawFooter;
    case Action::state_filter:
      state.state_filter =
          static_cast<StateFilter>((static_cast<int>(state.state_filter) + 1) % kStateFilterCount);
      keep_selection_listed(state, session);
      return kRedrawBody | kRedrawHeader;
    case Action::jump_time:
      state.input = InputMode::jump_time;
      state.input_text.clear();
      return kRedrawFooter;
    case Action::next_pane:
      state.detail_pane =
          static_cast<DetailPane>((static_cast<int>(state.detail_pane) + 1) % kDetailPaneCount);
      state.detail_row =
          state.detail_pane == DetailPane::events ? event_row_at_cursor(state, session) : 0;
      state.detail_scroll = {};
      return kRedrawBody;
    default:
      return apply_time(action, state, session);
  }
}

RedrawMask handle_key(Key key, ViewState& state, Session& session) {
  const bool had_message = !state.message.empty();
  state.message.clear();
  if (key == keys::resize) return kRedrawAll;
  if (key == keys::ctrl_c) return kQuit;
  if (state.input != InputMode::none) return edit_input(key, state, session);
  const Binding* binding = find_binding(key, state.view);
  if (binding == nullptr) return had_message ? kRedrawFooter : kRedrawNone;
  return apply(binding->action, state, session) | (had_message ? kRedrawFooter : kRedrawNone);
}

}  // namespace coscope::tui
