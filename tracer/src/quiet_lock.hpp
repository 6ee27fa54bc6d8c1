// A lock of the tracer's own taken on a program thread (inside the hooks). Quiet: the
// blocking-call check must not report the tracer's locks, and above all must not run while
// one is held — its report captures a stack and interns strings under other locks (a
// lock-order inversion with start(), seen by TSan: PendingNames then g_session_mutex on a
// worker, the reverse in start()).
#pragma once

#include <mutex>

#include "checks/checks.hpp"

namespace coscope::tracer::detail {

class QuietLock {
 public:
  explicit QuietLock(std::mutex& mutex) : lock_(mutex) {}

 private:
  checks::Quiet quiet_;  // first: taken before the lock, given back after it
  std::lock_guard<std::mutex> lock_;
};

}  // namespace coscope::tracer::detail
