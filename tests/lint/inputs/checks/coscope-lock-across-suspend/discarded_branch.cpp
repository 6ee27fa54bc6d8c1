// A branch that `if constexpr` discards never runs: a lock taken there is never held, and a
// co_await there never suspends.
#include <coroutine>
#include <mutex>

struct task {
  struct promise_type {
    task get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};

constexpr bool kLocked = false;
std::mutex m;

task discarded() {
  if constexpr (false) {
    std::lock_guard guard(m);
    co_await std::suspend_always{};
  }
  std::unique_lock lock(m, std::defer_lock);
  if constexpr (kLocked) {
    lock.lock();
  } else {
    co_await std::suspend_always{};
  }
  co_await std::suspend_always{};
  if constexpr (!kLocked) {
    std::lock_guard held(m);  // expect-note: lock 'held' acquired here
    co_await std::suspend_always{};  // expect-warning: coroutine 'discarded' suspends at 'co_await' while lock 'held' is held
  }
}
