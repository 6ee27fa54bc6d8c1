// An awaitable dropped in a branch that `if constexpr` discards was never made.
#include <coroutine>

struct task {
  struct promise_type {
    task get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
  bool await_ready() { return false; }
  void await_suspend(std::coroutine_handle<>) {}
  void await_resume() {}
};
task work();
constexpr bool kTrace = false;

task caller() {
  if constexpr (false) {
    work();
  }
  if constexpr (kTrace) work();
  if constexpr (!kTrace) {
  } else {
    work();
  }
  if constexpr (!kTrace) work();  // expect-warning: awaitable of type 'task' returned by 'work' is discarded
  co_return;
}
