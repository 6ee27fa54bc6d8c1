// The runtime checks' API: most programs need none of it (the checks run by themselves while a
// trace is recorded; see docs/tracer-checks.md). These are for the exceptions to the rule.
#pragma once

#include <cstddef>
#include <string_view>

namespace coscope {

// Blocking calls made on this thread while the object lives are not findings (a start-up
// step that must read a file, say). Nests; costs two thread-local increments.
class AllowBlocking {
 public:
  AllowBlocking() noexcept;
  ~AllowBlocking();
  AllowBlocking(const AllowBlocking&) = delete;
  AllowBlocking& operator=(const AllowBlocking&) = delete;
};

// Adds one allow rule, with the syntax of COSCOPE_ALLOW: "name", "name@site" or "*@site".
void allow_blocking(std::string_view rule);

// Records, now, every task that is suspended with nothing pending that could wake it, as a
// lost-task event (reason no_waker) with its async stack. Returns how many were recorded; a
// task is recorded once (later calls and the pass at exit skip it).
// Also runs at exit, where tasks still pending are recorded too.
std::size_t report_lost_tasks();

// Ring mode (COSCOPE_MODE=ring): writes the events kept in memory to the trace file now
// (also done at exit, on a crash and on SIGUSR2). Returns false when not in ring mode.
bool dump_ring();

}  // namespace coscope
