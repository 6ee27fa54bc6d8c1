// A lambda spelled in a branch that `if constexpr` discards is never created.
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
constexpr bool kAsync = false;

void start() {
  int n = 0;
  if constexpr (kAsync) {
    spawn([n]() -> task { co_return; }());
  }
  if constexpr (!kAsync) {
    spawn([n]() -> task { co_return; }());  // expect-warning: lambda coroutine captures 'n' by copy
    // expect-note@-1: 'n' by copy captured here
  }
}
