// Which blocking calls are not findings: the tracer's and Asio's own internals always, then the
// user's rules from COSCOPE_ALLOW and coscope::allow_blocking():
//   name          the function `name` everywhere (e.g. "getaddrinfo")
//   name@site     `name` when one of the caller's innermost frames matches `site`
//   *@site        any blocking function called there
// A site matches a frame when it is a substring of the frame's demangled function name or of
// its "file:line" (so "config.cpp:42" and "load_settings" both work).
#pragma once

#include <string>

#include "coscope/tracer/recorder.hpp"

namespace coscope::checks {

// `stack` starts at the caller of the blocking function. Symbolizes (once per address, cached).
bool blocking_allowed(const char* function, const tracer::RawStack& stack) noexcept;

void add_allow_rule(std::string rule);

}  // namespace coscope::checks
