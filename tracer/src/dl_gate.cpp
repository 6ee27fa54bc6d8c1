#include "dl_gate.hpp"

#include <sched.h>
#include <time.h>

#include <atomic>

namespace coscope::tracer::detail {
namespace {

// Sequentially consistent on both sides (a thread raises `inside` then reads `closed`; fork
// raises `closed` then reads `inside`): one of the two always sees the other.
std::atomic<bool> g_closed{false};
std::atomic<int> g_inside{0};

}  // namespace

bool try_enter_dl_gate() noexcept {
  if (g_closed.load()) return false;
  g_inside.fetch_add(1);
  if (!g_closed.load()) return true;
  g_inside.fetch_sub(1);
  return false;
}

void enter_dl_gate() noexcept {
  while (!try_enter_dl_gate()) {
    timespec pause{0, 1'000'000};
    ::nanosleep(&pause, nullptr);
  }
}

void leave_dl_gate() noexcept {
  g_inside.fetch_sub(1);
}

void close_dl_gate_for_fork() noexcept {
  g_closed.store(true);
  while (g_inside.load() != 0) ::sched_yield();
}

void open_dl_gate_after_fork() noexcept {
  g_closed.store(false);
}

}  // namespace coscope::tracer::detail
