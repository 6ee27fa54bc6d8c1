// Keys become actions, actions change the view state; each returns what must be redrawn
// (htop's discipline: only the screen layer draws, and only what an action says changed).
#pragma once

#include <cstdint>

#include "key.hpp"
#include "keymap.hpp"
#include "session.hpp"
#include "text.hpp"
#include "view_state.hpp"

namespace coscope::tui {

enum Redraw : unsigned {
  kRedrawNone = 0,
  kRedrawHeader = 1u << 0,  // title bar and the time strip
  kRedrawBody = 1u << 1,
  kRedrawFooter = 1u << 2,
  kRedrawAll = kRedrawHeader | kRedrawBody | kRedrawFooter,
  kQuit = 1u << 3,
};
using RedrawMask = unsigned;

// The state a fresh UI starts in: the cursor at the end of the trace (every task's final
// state, leftovers first to see), the whole trace on the time axis.
ViewState initial_state(const model::Model& model);

// One key: text entry when a prompt is open, otherwise the key table of the current view.
RedrawMask handle_key(Key key, ViewState& state, Session& session);
RedrawMask apply(Action action, ViewState& state, Session& session);
// Play: advance the cursor by `elapsed` real nanoseconds at the chosen speed.
RedrawMask tick(ViewState& state, Session& session, Nanos elapsed);

// Moves the time cursor (clamped to the trace) and keeps the axis window around it.
RedrawMask set_cursor(ViewState& state, Session& session, Time t);

}  // namespace coscope::tui
