// The user-facing API: start and stop tracing from code. Most programs need none of it: the
// tracer starts by itself when COSCOPE_TRACE names a file (see docs/tracer.md).
#pragma once

#include <cstdint>
#include <string>

namespace coscope {

// Which events carry an async stack (physical frames + awaiting coroutines).
enum class StackMode : std::uint8_t {
  off,      // no stacks at all
  spawn,    // physical stack at spawn; awaiter chain (cheap pointer walk) at every suspend
  suspend,  // physical stack + awaiter chain at spawn and at every suspend
  all,      // as suspend, and a physical stack on every finding and on lost tasks
};

struct TraceOptions {
  std::string path;  // "%p" expands to the process id
  StackMode stacks = StackMode::spawn;
  std::uint32_t buffer_kb = 4096;  // per recording thread
};

// The options the environment asks for: COSCOPE_TRACE (path; empty when unset),
// COSCOPE_STACKS (off|spawn|suspend|all), COSCOPE_BUFFER_KB (16..1048576).
// Bad values are reported once on stderr and replaced by the default.
TraceOptions options_from_environment();

// Starts recording. Returns false, after one line on stderr, when the file cannot be created
// or a trace is already being recorded; the program runs on untraced either way.
bool start(const TraceOptions& options);
bool start(const std::string& path);

// Writes what is buffered, records the tasks still alive as lost, resolves symbols and closes
// the file. Does nothing when not tracing. Also runs at normal exit.
void stop();

bool tracing();

// Blocks until what this process recorded before the call is written to the file (two
// rounds of the writer thread). For programs that may die abruptly, and for benchmarks.
void flush();

}  // namespace coscope
