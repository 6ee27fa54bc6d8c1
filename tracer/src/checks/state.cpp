// The checks' shared state, and what keeps every interposer in a static link: the linker
// takes an object out of libcoscope-tracer.a only when something refers to it, and the
// interposers are referred to by nobody (they replace libc's functions by name). This object
// is always linked (the recorder calls the resume hooks defined with it), and it refers to
// each interposer object's anchor.
#include <cstdlib>

#include "../crash/flight_recorder.hpp"
#include "../crash/ring.hpp"
#include "../session.hpp"
#include "checks.hpp"
#include "exceptions.hpp"
#include "foreign_callers.hpp"
#include "slow_resume.hpp"

extern "C" {
extern const char coscope_blocking_sleep_anchor;
extern const char coscope_blocking_sync_anchor;
extern const char coscope_blocking_io_anchor;
extern const char coscope_blocking_process_anchor;
extern const char coscope_exceptions_anchor;
}

namespace coscope::checks {

std::atomic<unsigned> g_enabled{0};
constinit thread_local int t_quiet = 0;
constinit thread_local int t_allow_blocking = 0;

[[gnu::used]] const char* const g_anchors[] = {
    &coscope_blocking_sleep_anchor, &coscope_blocking_io_anchor, &coscope_blocking_sync_anchor,
    &coscope_blocking_process_anchor, &coscope_exceptions_anchor};

namespace {

void at_stop() {
  record_stuck_resumes();
  flush_travelling_exceptions();
}

// Latches COSCOPE_CHECKS before main (sessions started from code use the same settings).
[[gnu::constructor]] void load_settings() {
  find_foreign_callers();
  g_enabled.store(config().enabled, std::memory_order_relaxed);
  tracer::detail::add_stop_hook(&at_stop);
  const char* path = std::getenv("COSCOPE_TRACE");
  if (path == nullptr || *path == '\0') return;
  if ((config().enabled & kCrash) != 0) crash::install_crash_handlers();
  if (config().ring) crash::install_sigusr2();  // before a dump can be asked for
}

}  // namespace
}  // namespace coscope::checks
