// Times one call of an interposed blocking function and records a blocking-call finding for
// the task running on this thread (see docs/tracer-checks.md, "Blocking calls").
#pragma once

#include <cstdint>

#include "checks.hpp"

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

}  // namespace coscope::checks
