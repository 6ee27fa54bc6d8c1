// A branch that `if constexpr` discards never runs: a co_await there is no suspension point and
// a use of a parameter there is no use.
#include <coroutine>
#include <string>

// Starts eagerly: its body runs up to the first suspension inside the call.
struct eager {
  struct promise_type {
    eager get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};
// Suspends before its body runs.
struct lazy {
  struct promise_type {
    lazy get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};
void use(std::size_t);

eager suspends_only_when_discarded(const std::string& name) {
  if constexpr (false) {
    co_await std::suspend_always{};
  }
  use(name.size());
  co_return;
}

eager used_late_only_when_discarded(const std::string& name) {
  use(name.size());
  co_await std::suspend_always{};
  if constexpr (false) {
    use(name.size());
  }
}

lazy used_only_when_discarded(const std::string& name) {
  if constexpr (false) {
    use(name.size());
  }
  co_return;
}

eager used_late(const std::string& name) {  // expect-warning: parameter 'name' of coroutine 'used_late' is a reference
  co_await std::suspend_always{};
  if constexpr (true) {
    use(name.size());  // expect-note: 'name' is used here, after a suspension point
  }
}
