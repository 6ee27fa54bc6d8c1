// Exports of a loaded trace to other tools' formats.
#pragma once

#include <iosfwd>

#include "coscope/model/model.hpp"

namespace coscope::inspect {

// Chrome trace-event JSON, as chrome://tracing and ui.perfetto.dev open it: an async track
// per task (its life, with scheduled/running/suspended slices), a slice per resume on thread
// tracks, flow arrows spawn -> first resume and wake -> resume, and instant events for
// findings and logs. Streams: memory does not grow with the trace.
void export_chrome(const model::Model& m, std::ostream& out);

}  // namespace coscope::inspect
