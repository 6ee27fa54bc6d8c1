// Called and awaited in the same expression: `co_await [x]() -> task { ... }()` keeps the lambda
// temporary alive until the end of the full-expression, which comes only after the awaited
// coroutine has completed. Exempt; anything else is not.
#include <coroutine>
#include <string>

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
void use(const std::string&);

task parent() {
  std::string name = "a";
  co_await [name]() -> task {
    use(name);
    co_return;
  }();
  co_await ([&name]() -> task {
    use(name);
    co_return;
  })();
  // Stored and called later: the temporary is gone by the time the coroutine resumes.
  task later = [name]() -> task {  // expect-warning: lambda coroutine captures 'name' by copy
    // expect-note@-1: 'name' by copy captured here
    co_await std::suspend_always{};
    use(name);
  }();
  co_await later;
}
