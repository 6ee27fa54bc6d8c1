// NOLINT forms suppress coscope-lock-across-suspend at the suspension point it reports.
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

std::mutex m;

task suppressed() {
  std::lock_guard guard(m);  // expect-note: lock 'guard' acquired here
  co_await std::suspend_always{};  // NOLINT(coscope-lock-across-suspend)
  // NOLINTNEXTLINE(coscope-*)
  co_await std::suspend_always{};
  co_await std::suspend_always{};  // NOLINT(coscope-blocking-call)  expect-warning: while lock 'guard' is held
}
