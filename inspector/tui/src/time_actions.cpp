#include "time_actions.hpp"

#include <algorithm>

#include "list_actions.hpp"
#include "playback.hpp"
#include "views.hpp"

namespace coscope::tui {
namespace {

// The smallest window the axis zooms to: a microsecond shows single events apart.
constexpr Time kMinWindow = 1000;

void keep_in_window(ViewState& state, Time end) {
  const Time width = state.window_to - state.window_from;
  if (state.cursor < state.window_from) {
    state.window_from = state.cursor;
    state.window_to = state.cursor + width;
  } else if (state.cursor > state.window_to) {
    state.window_to = state.cursor;
    state.window_from = state.cursor - std::min(width, state.cursor);
  }
  if (state.window_to > end) {
    state.window_to = end;
    state.window_from = end - std::min(width, end);
  }
}

RedrawMask select_finding(ViewState& state, Session& session, std::size_t index) {
  const model::Finding& finding = session.model().findings()[index];
  state.selected_finding = index;
  state.findings_scroll.follow(index, state.page);
  if (finding.task != model::kNoTask) state.selected_task = finding.task;
  set_cursor(state, session, finding.time);
  state.message = "finding " + std::to_string(index + 1) + "/" +
                  std::to_string(session.model().findings().size()) + ": " +
                  session.model().finding_summary(finding);
  return kRedrawAll;
}

RedrawMask step_finding(ViewState& state, Session& session, bool forward) {
  const model::Model& model = session.model();
  const auto& findings = model.findings();
  std::optional<std::size_t> target;
  // Several findings can share a moment: step through them by index when the cursor is on
  // the selected one, and by time otherwise.
  const bool on_selected = state.selected_finding < findings.size() &&
                           findings[state.selected_finding].time == state.cursor;
  if (on_selected) {
    if (forward && state.selected_finding + 1 < findings.size())
      target = state.selected_finding + 1;
    if (!forward && state.selected_finding > 0) target = state.selected_finding - 1;
  } else {
    target = forward ? model.next_finding(state.cursor) : model.prev_finding(state.cursor);
  }
  if (!target) {
    state.message = forward ? "no later finding" : "no earlier finding";
    return kRedrawFooter;
  }
  return select_finding(state, session, *target);
}

RedrawMask to_time(ViewState& state, Session& session, std::optional<Time> t, const char* none) {
  if (!t) {
    state.message = none;
    return kRedrawFooter;
  }
  return set_cursor(state, session, *t);
}

RedrawMask zoom(ViewState& state, Session& session, bool in) {
  const Time end = session.model().end();
  const Time width = state.window_to - state.window_from;
  Time next = in ? std::max(width / 2, kMinWindow) : std::min(width * 2, end);
  if (next == width) return kRedrawNone;
  state.window_from = state.cursor - std::min(state.cursor, next / 2);
  state.window_to = state.window_from + next;
  keep_in_window(state, end);
  return kRedrawHeader | kRedrawBody;
}

}  // namespace

RedrawMask set_cursor(ViewState& state, Session& session, Time t) {
  const model::Model& model = session.model();
  const Time previous = state.cursor;
  state.cursor = std::min(t, model.end());
  keep_in_window(state, model.end());
  if (state.view == ViewId::detail && state.detail_pane == DetailPane::events)
    state.detail_row = event_row_at_cursor(state, session);
  return previous == state.cursor ? kRedrawNone : kRedrawHeader | kRedrawBody;
}

RedrawMask step_events(ViewState& state, Session& session, long delta) {
  const model::Model& model = session.model();
  const std::size_t count = model.event_count();
  if (count == 0) return kRedrawNone;
  // The cursor's event is the last one at or before it.
  const long current = static_cast<long>(model.events_until(state.cursor)) - 1;
  long target = std::clamp(current + delta, 0L, static_cast<long>(count) - 1);
  if (delta > 0) {
    // Events that share the cursor's time are already applied: go past them.
    while (target < static_cast<long>(count) - 1 &&
           model.event(static_cast<model::EventIndex>(target)).time <= state.cursor)
      ++target;
  }
  return set_cursor(state, session, model.event(static_cast<model::EventIndex>(target)).time);
}

RedrawMask apply_time(Action action, ViewState& state, Session& session) {
  const model::Model& model = session.model();
  const TaskIndex task = state.selected_task;
  const bool has_task = task < model.tasks().size();
  switch (action) {
    case Action::next_event:
      return to_time(state, session, model.next_event_time(state.cursor), "no later event");
    case Action::prev_event:
      return to_time(state, session, model.prev_event_time(state.cursor), "no earlier event");
    case Action::next_task_event:
      return to_time(state, session,
                     has_task ? model.next_task_event_time(task, state.cursor) : std::nullopt,
                     "no later event of this task");
    case Action::prev_task_event:
      return to_time(state, session,
                     has_task ? model.prev_task_event_time(task, state.cursor) : std::nullopt,
                     "no earlier event of this task");
    case Action::next_finding:
      return step_finding(state, session, true);
    case Action::prev_finding:
      return step_finding(state, session, false);
    case Action::play_pause:
      state.playing = !state.playing;
      // Playing from the end would stop at once: start over.
      if (state.playing && state.cursor >= model.end()) set_cursor(state, session, 0);
      return kRedrawHeader | kRedrawBody;
    case Action::faster:
      state.speed = std::min(state.speed + 1, static_cast<int>(kSpeeds.size()) - 1);
      return kRedrawHeader;
    case Action::slower:
      state.speed = std::max(state.speed - 1, 0);
      return kRedrawHeader;
    case Action::zoom_in:
      return zoom(state, session, true);
    case Action::zoom_out:
      return zoom(state, session, false);
    default:
      return kRedrawNone;
  }
}

RedrawMask go_to_detail_row(ViewState& state, Session& session) {
  const model::Model& model = session.model();
  if (state.selected_task >= model.tasks().size()) return kRedrawNone;
  const std::size_t row = state.detail_row;
  if (state.detail_pane == DetailPane::events) {
    const auto& events = session.task_events(state.selected_task);
    if (row >= events.size()) return kRedrawNone;
    return set_cursor(state, session, model.event(events[row]).time);
  }
  if (state.detail_pane == DetailPane::logs) {
    const auto& logs = session.task_logs(state.selected_task);
    if (row >= logs.size()) return kRedrawNone;
    const RedrawMask mask = set_cursor(state, session, model.logs()[logs[row]].time);
    state.detail_row = row;  // stay on the log, not on the event list's row
    return mask;
  }
  return kRedrawNone;
}

RedrawMask edit_input(Key key, ViewState& state, Session& session) {
  const InputMode mode = state.input;
  if (key == keys::escape) {
    state.input = InputMode::none;
    if (mode == InputMode::filter) state.filter.clear();
    return kRedrawAll;
  }
  if (key == keys::enter) {
    state.input = InputMode::none;
    if (mode == InputMode::filter) return kRedrawAll;
    const auto t = parse_time(state.input_text, state.cursor, session.model().end());
    if (!t) {
      state.message = "not a time: " + state.input_text + " (try 1.5s, 250ms, +10us, 50%)";
      return kRedrawFooter;
    }
    return set_cursor(state, session, *t) | kRedrawFooter;
  }
  if (key == keys::backspace || key == 127 || key == 8) {
    if (state.input_text.empty()) return kRedrawNone;
    // Remove one whole UTF-8 code point.
    std::size_t cut = state.input_text.size() - 1;
    while (cut > 0 && (static_cast<unsigned char>(state.input_text[cut]) & 0xC0) == 0x80) --cut;
    state.input_text.erase(cut);
  } else if (key >= ' ' && key < 127) {
    state.input_text += static_cast<char>(key);
  } else {
    return kRedrawNone;
  }
  if (mode != InputMode::filter) return kRedrawFooter;
  // The filter applies as it is typed.
  state.filter = state.input_text;
  keep_selection_listed(state, session);
  return kRedrawBody | kRedrawFooter;
}

RedrawMask tick(ViewState& state, Session& session, Nanos elapsed) {
  if (!state.playing) return kRedrawNone;
  const Time end = session.model().end();
  RedrawMask mask = set_cursor(state, session, advance(state.cursor, state.speed, elapsed, end));
  if (state.cursor >= end) {
    state.playing = false;
    mask |= kRedrawHeader;
  }
  return mask;
}

}  // namespace coscope::tui
