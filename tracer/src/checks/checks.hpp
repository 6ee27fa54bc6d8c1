// State shared by the runtime checks: which checks are on, the per-thread guard that keeps the
// tracer's own work (and code inside coscope::AllowBlocking) out of the findings, and the
// fast test every interposed function makes before doing anything else.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "../running_stack.hpp"
#include "coscope/tracer/recorder.hpp"

namespace coscope::checks {

// Bits of COSCOPE_CHECKS (default: all).
enum Check : unsigned {
  kBlocking = 1u << 0,
  kSlowResume = 1u << 1,
  kExceptions = 1u << 2,
  kCrash = 1u << 3,
  kAllChecks = kBlocking | kSlowResume | kExceptions | kCrash,
};

struct Config {
  unsigned enabled = kAllChecks;
  std::uint64_t slow_ns = 10'000'000;    // COSCOPE_SLOW_MS, default 10
  std::vector<std::string> allow;        // COSCOPE_ALLOW rules
  bool ring = false;                     // COSCOPE_MODE=ring
  std::uint64_t ring_bytes = 16u << 20;  // COSCOPE_RING_MB, default 16
};

// Read once from the environment (thread-safe static); bad values warn once on stderr.
const Config& config();

extern std::atomic<unsigned> g_enabled;  // copy of config().enabled, 0 until the first session

// > 0 while the tracer itself (or an AllowBlocking scope) runs on this thread: interposed
// functions then pass straight through, which is what keeps the checks from recursing.
extern constinit thread_local int t_quiet;

// > 0 inside a coscope::AllowBlocking scope: blocking findings only are silenced.
extern constinit thread_local int t_allow_blocking;

struct Quiet {
  Quiet() noexcept { ++t_quiet; }
  ~Quiet() { --t_quiet; }
  Quiet(const Quiet&) = delete;
  Quiet& operator=(const Quiet&) = delete;
};

// The interposers' first test: is this thread running a task, with `check` on, outside the
// tracer's own code? Outside a task this costs two loads and a call.
[[gnu::always_inline]] inline bool watching(Check check) noexcept {
  if (!tracer::active()) return false;
  if ((g_enabled.load(std::memory_order_relaxed) & check) == 0 || t_quiet != 0) return false;
  if (check == kBlocking && t_allow_blocking != 0) return false;
  return tracer::detail::top_running() != nullptr;
}

// Physical stack of the caller of an interposed function: frames from `caller` (the return
// address into the caller) outwards, then the task's awaiting coroutines.
void capture_from(tracer::RawStack& stack, const void* caller) noexcept;

// Called at session start (from the first resume hook) to latch the configuration.
void ensure_started() noexcept;

}  // namespace coscope::checks
