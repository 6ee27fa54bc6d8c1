// NOLINT on the lambda's line suppresses coscope-capturing-lambda-coroutine.
#include <coroutine>

struct task {
  struct promise_type {
    task get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};
void spawn(task);

void f() {
  int n = 0;
  spawn([n]() -> task { co_return; }());  // NOLINT(coscope-capturing-lambda-coroutine)
  // NOLINTNEXTLINE(coscope-*)
  spawn([n]() -> task { co_return; }());
  spawn([n]() -> task { co_return; }());  // NOLINT(coscope-blocking-call)  expect-warning: captures 'n' by copy
}
