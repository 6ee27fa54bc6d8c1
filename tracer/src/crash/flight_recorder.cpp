// Crash safety: on SIGSEGV, SIGBUS, SIGILL, SIGFPE and SIGABRT — and on SIGTERM, SIGINT, SIGHUP
// and SIGQUIT when the program leaves them to their default action (Ctrl-C, `kill`, a closed
// terminal: how servers are usually stopped) — the handler asks the writer thread to write
// everything buffered and close the trace as at a normal stop (in ring mode this includes the
// ring), waits for it at most kWaitNs, then restores the handler that was there before and
// lets the signal take its course, so the program dies as it would have. Without it such a
// program's trace would lose what the writer had not written yet: up to 10 ms of events, and
// up to 10 s behind a spawn whose name the writer waits for (session.hpp).
//
// The handler itself only stores and loads atomics, polls with nanosleep and calls sigaction
// and raise: async-signal-safe. The writing happens on the writer thread, in normal context,
// which keeps the trace whole and symbolized. It cannot finish when the crash left a lock the
// writer needs held (the crash happened inside malloc, say): after the wait the process dies
// with what was written up to then (chunks are written whole, at most 10 ms old).
#include <signal.h>
#include <time.h>

#include <atomic>

#include "../checks/checks.hpp"
#include "../session.hpp"

namespace coscope::crash {
namespace {

// The first kFaults are faults: handled whatever the program installed before (its handler
// runs after ours). The rest end the program only by default: a program that handles or
// ignores them (Asio's signal_set, say) stops in its own way, and they are left to it.
constexpr int kSignals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT,
                            SIGTERM, SIGINT, SIGHUP, SIGQUIT};
constexpr int kSignalCount = sizeof kSignals / sizeof kSignals[0];
constexpr int kFaults = 5;
constexpr long kWaitNs = 3'000'000'000;
constexpr long kPollNs = 1'000'000;

struct sigaction g_previous[kSignalCount];
std::atomic<bool> g_crashing{false};

int index_of(int signal) {
  for (int i = 0; i < kSignalCount; ++i)
    if (kSignals[i] == signal) return i;
  return -1;
}

void wait_for_writer() {
  if (!tracer::detail::request_final_write()) return;
  timespec pause{0, kPollNs};
  for (long waited = 0; waited < kWaitNs; waited += kPollNs) {
    if (tracer::detail::final_write_done()) return;
    ::nanosleep(&pause, nullptr);
  }
}

void on_crash(int signal, siginfo_t* info, void*) {
  // The nanosleep below is one of the interposed blocking functions: not a finding here.
  ++checks::t_quiet;
  // Only the first crashing thread writes; another one crashing meanwhile just dies.
  if (!g_crashing.exchange(true) && tracer::active()) wait_for_writer();
  int i = index_of(signal);
  if (i >= 0) ::sigaction(signal, &g_previous[i], nullptr);
  // A fault raised by the kernel repeats when the instruction runs again on return, now
  // under the previous handler; a signal sent by kill/raise/abort, or by the terminal (Ctrl-C
  // comes from the kernel too), is sent again.
  const bool kernel_fault = i >= 0 && i < kFaults && info != nullptr && info->si_code > 0;
  if (!kernel_fault) ::raise(signal);
}

}  // namespace

void install_crash_handlers() noexcept {
  static std::atomic<bool> installed{false};
  if (installed.load(std::memory_order_relaxed) || installed.exchange(true)) return;
  for (int i = 0; i < kSignalCount; ++i) {
    if (i >= kFaults) {
      struct sigaction current {};
      if (::sigaction(kSignals[i], nullptr, &current) != 0 ||
          (current.sa_flags & SA_SIGINFO) != 0 || current.sa_handler != SIG_DFL)
        continue;
    }
    struct sigaction action {};
    action.sa_sigaction = &on_crash;
    action.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset(&action.sa_mask);
    ::sigaction(kSignals[i], &action, &g_previous[i]);
  }
}

}  // namespace coscope::crash
