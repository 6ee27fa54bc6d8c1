// Waits that actually wait: a lock found taken (trylock first, so an uncontended lock is no
// finding), condition and semaphore waits, joins of threads still running, and the futex
// waits behind std::future::get, std::latch, std::barrier and std::atomic::wait.
#include <linux/futex.h>
#include <pthread.h>
#include <semaphore.h>
#include <sys/syscall.h>

#include <cerrno>
#include <cstdarg>

#include "blocking_probe.hpp"
#include "next_symbol.hpp"

using coscope::checks::BlockingProbe;

namespace {

// A read or write lock that waited: tried first, so that an uncontended lock is no finding.
// Out of line: the interposers' pass-through path saves no registers for it.
[[gnu::noinline]] int watched_rwlock(const char* function, const void* caller,
                                     pthread_rwlock_t* lock, int (*try_lock)(pthread_rwlock_t*),
                                     int (*take)(pthread_rwlock_t*)) {
  BlockingProbe probe(function, caller);
  if (probe.armed() && try_lock(lock) == 0) return 0;
  int r = take(lock);
  probe.report();
  return r;
}

}  // namespace

extern "C" {

int pthread_mutex_lock(pthread_mutex_t* mutex) noexcept {
  COSCOPE_UNLESS_WATCHING(pthread_mutex_lock, mutex);
  const void* caller = __builtin_return_address(0);
  return coscope::checks::watched([=] {
    BlockingProbe probe("pthread_mutex_lock", caller);
    if (probe.armed()) {
      int r = COSCOPE_NEXT(pthread_mutex_trylock)(mutex);
      if (r != EBUSY) return r;  // taken without waiting (or an error lock() would give too)
    }
    int r = COSCOPE_NEXT(pthread_mutex_lock)(mutex);
    probe.report();
    return r;
  });
}

int pthread_rwlock_rdlock(pthread_rwlock_t* lock) noexcept {
  COSCOPE_UNLESS_WATCHING(pthread_rwlock_rdlock, lock);
  return watched_rwlock("pthread_rwlock_rdlock", __builtin_return_address(0), lock,
                        COSCOPE_NEXT(pthread_rwlock_tryrdlock),
                        COSCOPE_NEXT(pthread_rwlock_rdlock));
}

int pthread_rwlock_wrlock(pthread_rwlock_t* lock) noexcept {
  COSCOPE_UNLESS_WATCHING(pthread_rwlock_wrlock, lock);
  return watched_rwlock("pthread_rwlock_wrlock", __builtin_return_address(0), lock,
                        COSCOPE_NEXT(pthread_rwlock_trywrlock),
                        COSCOPE_NEXT(pthread_rwlock_wrlock));
}

int pthread_cond_wait(pthread_cond_t* cond, pthread_mutex_t* mutex) {
  COSCOPE_UNLESS_WATCHING(pthread_cond_wait, cond, mutex);
  BlockingProbe probe("pthread_cond_wait", __builtin_return_address(0));
  int r = COSCOPE_NEXT(pthread_cond_wait)(cond, mutex);
  probe.report();
  return r;
}

int pthread_cond_timedwait(pthread_cond_t* cond, pthread_mutex_t* mutex, const timespec* until) {
  COSCOPE_UNLESS_WATCHING(pthread_cond_timedwait, cond, mutex, until);
  BlockingProbe probe("pthread_cond_timedwait", __builtin_return_address(0));
  int r = COSCOPE_NEXT(pthread_cond_timedwait)(cond, mutex, until);
  probe.report();
  return r;
}

int pthread_cond_clockwait(pthread_cond_t* cond, pthread_mutex_t* mutex, clockid_t clock,
                           const timespec* until) {
  COSCOPE_UNLESS_WATCHING(pthread_cond_clockwait, cond, mutex, clock, until);
  BlockingProbe probe("pthread_cond_clockwait", __builtin_return_address(0));
  int r = COSCOPE_NEXT(pthread_cond_clockwait)(cond, mutex, clock, until);
  probe.report();
  return r;
}

int pthread_join(pthread_t thread, void** result) {
  COSCOPE_UNLESS_WATCHING(pthread_join, thread, result);
  BlockingProbe probe("pthread_join", __builtin_return_address(0));
  if (probe.armed() && COSCOPE_NEXT(pthread_tryjoin_np)(thread, result) == 0) return 0;
  int r = COSCOPE_NEXT(pthread_join)(thread, result);
  probe.report();
  return r;
}

int sem_wait(sem_t* semaphore) {
  COSCOPE_UNLESS_WATCHING(sem_wait, semaphore);
  BlockingProbe probe("sem_wait", __builtin_return_address(0));
  if (probe.armed() && COSCOPE_NEXT(sem_trywait)(semaphore) == 0) return 0;
  int r = COSCOPE_NEXT(sem_wait)(semaphore);
  probe.report();
  return r;
}

int sem_timedwait(sem_t* semaphore, const timespec* until) {
  COSCOPE_UNLESS_WATCHING(sem_timedwait, semaphore, until);
  BlockingProbe probe("sem_timedwait", __builtin_return_address(0));
  if (probe.armed() && COSCOPE_NEXT(sem_trywait)(semaphore) == 0) return 0;
  int r = COSCOPE_NEXT(sem_timedwait)(semaphore, until);
  probe.report();
  return r;
}

// syscall(2) is how libstdc++ waits on a futex. Only FUTEX_WAIT-like operations that did not
// return at once (value already changed: EAGAIN) are findings; every other call passes on.
long syscall(long number, ...) noexcept {
  va_list args;
  va_start(args, number);
  long a[6];
  for (long& x : a) x = va_arg(args, long);
  va_end(args);
  auto next = COSCOPE_NEXT(syscall);
  if (number != SYS_futex || !coscope::checks::watching(coscope::checks::kBlocking))
    return next(number, a[0], a[1], a[2], a[3], a[4], a[5]);
  int op = static_cast<int>(a[1]) & FUTEX_CMD_MASK;
  bool waits = op == FUTEX_WAIT || op == FUTEX_WAIT_BITSET || op == FUTEX_LOCK_PI ||
               op == FUTEX_WAIT_REQUEUE_PI;
  BlockingProbe probe("futex_wait", __builtin_return_address(0));
  if (!waits) probe.disarm();
  long r = next(number, a[0], a[1], a[2], a[3], a[4], a[5]);
  if (r == -1 && errno == EAGAIN) return r;
  int saved = errno;
  probe.report();
  errno = saved;
  return r;
}

}  // extern "C"

extern "C" const char coscope_blocking_sync_anchor = 0;
