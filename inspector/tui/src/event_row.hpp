// One event as a table row (time, thread, task, what happened): the timeline and the task
// detail list events the same way.
#pragma once

#include "coscope/model/model.hpp"
#include "glyphs.hpp"
#include "rows.hpp"

namespace coscope::tui {

// "io-0" or the OS thread id, "-" outside any thread.
std::string thread_label(const model::Model& model, model::ThreadIndex thread);

// Events at or before `cursor` are plain; later ones are dimmed (they have not happened yet).
Row event_row(const model::Model& model, model::EventIndex index, model::Time cursor,
              std::size_t width, bool with_task, const Glyphs& glyphs);

}  // namespace coscope::tui
