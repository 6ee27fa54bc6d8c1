// Times one call of an interposed blocking function and records a blocking-call finding for
// the task running on this thread (see docs/tracer-checks.md, "Blocking calls").
#pragma once

#include <atomic>
#include <cstdint>

#include "checks.hpp"
#include "next_symbol.hpp"

namespace coscope::checks {

struct ResumeSlot;

std::uint64_t now_ns() noexcept;

class BlockingProbe {
 public:
  // Armed only when this thread runs a task and the blocking check is on; `caller` is the
  // interposer's return address, where the finding's stack starts.
  BlockingProbe(const char* function, const void* caller) noexcept
      : function_(watching(kBlocking) ? function : nullptr), caller_(caller) {
    if (function_ != nullptr) arm();
  }
  // Inline when not armed: every interposed call (each pthread_mutex_lock of the program)
  // makes one, tracing or not, checks on or off.
  ~BlockingProbe() {
    if (function_ != nullptr) disarm();
  }
  BlockingProbe(const BlockingProbe&) = delete;
  BlockingProbe& operator=(const BlockingProbe&) = delete;

  bool armed() const noexcept { return function_ != nullptr; }
  void disarm() noexcept;
  // Records the finding now (the call returned); nothing when not armed.
  void report() noexcept {
    if (function_ != nullptr) record();
  }

 private:
  const char* function_;
  const void* caller_;
  std::uint64_t start_ = 0;
  ResumeSlot* slot_ = nullptr;

  void arm() noexcept;
  void record() noexcept;
};

// True when `fd` would block (O_NONBLOCK unset). Only asked inside a task.
bool blocking_descriptor(int fd) noexcept;

// Runs a hot interposer's watched path out of line (give it the caller's return address), so
// that its pass-through path needs no register saves for the probe's code.
template <typename Body>
[[gnu::noinline]] auto watched(Body body) {
  return body();
}

// The pass-through test below, out of line: resolves `slot` (dlsym RTLD_NEXT) when still empty
// and gives the next definition, or nullptr when the call is to be watched.
void* pass_through_slow(const char* name, std::atomic<void*>& slot) noexcept;

template <typename F>
[[gnu::always_inline]] inline F* pass_through(const char* name, std::atomic<void*>& slot) noexcept {
  void* next = slot.load(std::memory_order_acquire);
  // watching() is loads and branches, no call: traced, a lock taken outside any task (the
  // scheduler's, once per handler) passes here too.
  if (next != nullptr && !watching(kBlocking)) [[likely]]
    return reinterpret_cast<F*>(next);
  return reinterpret_cast<F*>(pass_through_slow(name, slot));
}
}  // namespace coscope::checks

// An interposer's first statement: untraced, the call goes straight on (two loads, two
// branches and a tail call, no register saved), before any probe is built; traced, it goes on
// unless its thread runs a task with the blocking check on. Every mutex lock and socket call of
// the program passes here: with a probe first, the interposers were more than half of what
// linking the tracer cost an untraced echo server.
#define COSCOPE_UNLESS_WATCHING(fn, ...)                                                          \
  if (auto* coscope_next =                                                                        \
          ::coscope::checks::pass_through<decltype(::fn)>(#fn, ::coscope::checks::g_next<&::fn>)) \
  return coscope_next(__VA_ARGS__)
