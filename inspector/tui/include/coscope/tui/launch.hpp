// coscope-inspect's terminal UI. main() registers launch() as the CLI's TuiLauncher, so
// `coscope-inspect TRACE` on a terminal opens the UI.
#pragma once

#include <string>

namespace coscope::tui {

// Loads the trace (progress on stderr), runs the UI until the user quits, and restores the
// terminal whatever happens. Returns the CLI's exit codes: 0, or 3 when the trace cannot be
// read; 128 + signal when SIGINT/SIGTERM/SIGHUP ended it.
int launch(const std::string& trace_path);

}  // namespace coscope::tui
