// The list of the current view (tasks, tree rows, findings, events, help lines) as a position
// and a size, so that up/down/page/top/bottom are written once for every view.
#pragma once

#include <cstddef>

#include "session.hpp"
#include "view_state.hpp"

namespace coscope::tui {

std::size_t list_size(const ViewState& state, Session& session);
// The selected row in the current view's list (kNoRow when the selected task is not listed).
std::size_t list_position(const ViewState& state, Session& session);
// Selects row `position` (clamped) of the current view's list.
void list_select(ViewState& state, Session& session, std::size_t position);
// After a filter changed: the selection moves to the first listed task if it was filtered out.
void keep_selection_listed(ViewState& state, Session& session);

// The row of the task's event list at the cursor: its last event at or before the cursor.
std::size_t event_row_at_cursor(const ViewState& state, Session& session);

}  // namespace coscope::tui
