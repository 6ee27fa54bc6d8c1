// Crash safety (see flight_recorder.cpp).
#pragma once

namespace coscope::crash {

// Installs the crash handlers once, keeping the previous ones to restore on a crash.
void install_crash_handlers() noexcept;

}  // namespace coscope::crash
