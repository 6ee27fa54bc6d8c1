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

// `stack` starts at the caller of the blocking function. Symbolizes (once per address, cached)
// with libdw, which may take tens of milliseconds for a module's first address: called on the
// writer thread (keep_blocking_finding), never where the program waits.
bool blocking_allowed(const char* function, const tracer::RawStack& stack) noexcept;

// The writer's filter of a blocking-call finding (ColdEvent::keep): `function` is the blocking
// function's name, `stack` starts at its caller.
bool keep_blocking_finding(const char* function, const tracer::RawStack& stack) noexcept;

// Lock-free, for the program's thread: `caller` was already found to be the tracer's or Asio's
// own code (blocking_allowed() remembers it), so its calls need not be offered to the writer.
// Asio's scheduler locks its mutex inside every resume on a multi-threaded io_context.
bool caller_known_internal(std::uint64_t caller) noexcept;

void add_allow_rule(std::string rule);

}  // namespace coscope::checks
