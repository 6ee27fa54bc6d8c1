// Actions on the time cursor: stepping through events, findings, jumps, play, zoom; and the
// prompt that reads a filter or a time.
#pragma once

#include "actions.hpp"

namespace coscope::tui {

// Next/previous event, task event, finding; play/pause, speed, zoom.
RedrawMask apply_time(Action action, ViewState& state, Session& session);
// Moves the cursor `delta` events forward (or back) in the global event order.
RedrawMask step_events(ViewState& state, Session& session, long delta);
// Detail view, Enter: the cursor goes to the selected event or log.
RedrawMask go_to_detail_row(ViewState& state, Session& session);
// A key while a prompt is open: edit, Enter confirms, Esc cancels.
RedrawMask edit_input(Key key, ViewState& state, Session& session);

}  // namespace coscope::tui
