// RAII locks alive at a co_await or co_yield, followed through the coroutine's CFG.
// The annotations are described in tests/lint/expectations.h.
#include <coroutine>
#include <mutex>
#include <shared_mutex>
#include <utility>

struct task {
  struct promise_type {
    task get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    std::suspend_always yield_value(int) { return {}; }
    void unhandled_exception() {}
  };
};
struct value {
  bool await_ready();
  void await_suspend(std::coroutine_handle<>);
  int await_resume();
};

std::mutex m;
std::mutex m2;
std::shared_mutex sm;
void use(int);

task each_standard_lock() {
  {
    std::lock_guard<std::mutex> guard(m);  // expect-note: lock 'guard' acquired here
    co_await std::suspend_always{};  // expect-warning: coroutine 'each_standard_lock' suspends at 'co_await' while lock 'guard' is held
  }
  {
    std::unique_lock lock(m);  // expect-note: lock 'lock' acquired here
    co_await std::suspend_always{};  // expect-warning: while lock 'lock' is held
  }
  {
    std::scoped_lock both(m, m2);  // expect-note: lock 'both' acquired here
    co_yield 1;  // expect-warning: suspends at 'co_yield' while lock 'both' is held
  }
  {
    std::shared_lock reader(sm);  // expect-note: lock 'reader' acquired here
    co_await std::suspend_always{};  // expect-warning: while lock 'reader' is held
  }
}

// The co_await inside an initializer or an assignment suspends too (misc-coroutine-hostile-raii
// misses these); the lock declared by the same statement is not yet alive.
task in_initializer_and_assignment() {
  std::lock_guard guard(m);  // expect-note: lock 'guard' acquired here
  int x = co_await value{};  // expect-warning: while lock 'guard' is held
  x = co_await value{};  // expect-warning: while lock 'guard' is held
  use(co_await value{});  // expect-warning: while lock 'guard' is held
}

task lock_from_the_awaited_value() {
  co_await std::suspend_always{};
  std::unique_lock lock = (co_await value{}, std::unique_lock(m));
  use(1);
}

// Not held: the scope ended, the lock was unlocked, deferred and never locked, default
// constructed, moved away, or released (the mutex stays locked then, by whoever took the
// pointer: a path the check does not follow, see the doc page).
task not_held() {
  {
    std::lock_guard guard(m);
    use(1);
  }
  co_await std::suspend_always{};
  std::unique_lock unlocked(m);
  unlocked.unlock();
  co_await std::suspend_always{};
  std::unique_lock deferred(m2, std::defer_lock);
  co_await std::suspend_always{};
  std::unique_lock<std::mutex> empty;
  co_await std::suspend_always{};
  std::unique_lock<std::shared_mutex> source(sm);
  std::unique_lock<std::shared_mutex> target(std::move(source));
  target.release();
  co_await std::suspend_always{};
}

// Deferred, then locked: held from the lock() call; moved: the new owner is held.
task relocked() {
  std::unique_lock lock(m, std::defer_lock);
  co_await std::suspend_always{};
  lock.lock();  // expect-note: lock 'lock' acquired here
  co_await std::suspend_always{};  // expect-warning: while lock 'lock' is held
  std::unique_lock owner(std::move(lock));  // expect-note: lock 'owner' acquired here
  co_await std::suspend_always{};  // expect-warning: while lock 'owner' is held
}

// Swapped: the lock that owns the mutex now is the one held (the note points where the
// mutex was acquired, by the other one).
task swapped() {
  std::unique_lock first(m);  // expect-note: lock 'second' acquired here
  std::unique_lock<std::mutex> second;
  first.swap(second);
  co_await std::suspend_always{};  // expect-warning: while lock 'second' is held
  std::swap(first, second);
  first.unlock();
  co_await std::suspend_always{};
}

// Paths: held on one branch is enough; a lock of a loop body dies before the next iteration.
task paths(bool flag) {
  for (int i = 0; i < 3; ++i) {
    co_await std::suspend_always{};
    std::lock_guard guard(m);
    use(i);
  }
  std::unique_lock lock(m, std::defer_lock);
  if (flag) lock.lock();  // expect-note: lock 'lock' acquired here
  co_await std::suspend_always{};  // expect-warning: while lock 'lock' is held
  lock.unlock();
  while (flag) {
    std::unique_lock inner(m2);  // expect-note: lock 'inner' acquired here
    if (flag) break;
    co_yield 2;  // expect-warning: suspends at 'co_yield' while lock 'inner' is held
  }
  co_await std::suspend_always{};
}

// The innermost callable decides: a plain lambda's lock is released before it returns, a
// coroutine lambda is a coroutine of its own.
task lambdas() {
  auto plain = [] {
    std::lock_guard guard(m);
    use(1);
  };
  plain();
  co_await std::suspend_always{};
  auto coro = []() -> task {
    std::lock_guard guard(m);  // expect-note: lock 'guard' acquired here
    co_await std::suspend_always{};  // expect-warning: coroutine lambda suspends at 'co_await' while lock 'guard' is held
  };
  coro();
}

// A template coroutine: reported once at its spelling, whatever the instantiations.
template <class Mutex>
task generic(Mutex& mutex) {
  std::lock_guard<Mutex> guard(mutex);  // expect-note: lock 'guard' acquired here
  co_await std::suspend_always{};  // expect-warning: coroutine 'generic' suspends at 'co_await' while lock 'guard' is held
}
void instantiate() {
  generic(m);
  generic(m2);
  generic(sm);
}

// A unique_lock passed by value arrives owning its mutex and lives as long as the coroutine.
task takes_lock(std::unique_lock<std::mutex> lock) {  // expect-note: lock parameter 'lock' acquired here
  co_await std::suspend_always{};  // expect-warning: while lock parameter 'lock' is held
}
