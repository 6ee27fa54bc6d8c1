#include "fork.hpp"

#include <pthread.h>

#include <atomic>

#include "checks/checks.hpp"
#include "checks/exceptions.hpp"
#include "checks/slow_resume.hpp"
#include "dl_gate.hpp"
#include "names.hpp"
#include "session.hpp"

namespace coscope::tracer::detail {
namespace {

// Every lock the tracer's threads (writer, watchdog, program threads in the hooks) take,
// in the order start() nests them, so that no thread holds one in the middle of an update
// when the process is copied. Taken quietly: they are the tracer's, not the program's.
// The loader's lock first: a thread of ours inside dl_iterate_phdr may hold one of them.
void before_fork() {
  checks::Quiet quiet;
  close_dl_gate_for_fork();
  checks::lock_exceptions_for_fork();
  lock_session_for_fork();
  pending_names().lock_for_fork();
  checks::slots_mutex().lock();
}

void unlock_all() {
  checks::slots_mutex().unlock();
  pending_names().unlock_after_fork();
  unlock_session_after_fork();
  checks::unlock_exceptions_after_fork();
  open_dl_gate_after_fork();
}

void in_parent() {
  unlock_all();
}

void in_child() {
  unlock_all();
  checks::Quiet quiet;
  abandon_session_in_child();
}

}  // namespace

void watch_forks() noexcept {
  static std::atomic<bool> installed{false};
  if (!installed.exchange(true)) ::pthread_atfork(&before_fork, &in_parent, &in_child);
}

}  // namespace coscope::tracer::detail
