// An eager coroutine (initial_suspend() is std::suspend_never) runs its body inside the call
// that creates it, up to its first co_await or co_yield: until then the caller's full-expression,
// and every temporary it passed, is still alive. A parameter that is only read or copied into an
// object of its own before that point cannot dangle; any use that may come after a suspension,
// or that leaves a reference, pointer, iterator or view behind, can.
#include <coroutine>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

struct eager {
  struct promise_type {
    eager get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};
// A custom awaiter that never suspends says so in await_ready.
struct never_suspends {
  bool await_ready() const noexcept { return true; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  void await_resume() noexcept {}
};
struct eager_custom {
  struct promise_type {
    eager_custom get_return_object() { return {}; }
    never_suspends initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};
// await_ready() that is not literally `return true;` proves nothing.
struct maybe_suspends {
  bool ready = true;
  bool await_ready() const noexcept { return ready; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  void await_resume() noexcept {}
};
struct eager_maybe {
  struct promise_type {
    eager_maybe get_return_object() { return {}; }
    maybe_suspends initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};
struct reader {
  bool await_ready();
  void await_suspend(std::coroutine_handle<>);
  int await_resume();
};
reader read(const std::string&);
void use(const std::string&);
void use_int(int);

// Exempt: copied first (the CP.53 fix), scalars read, size() asked, an rvalue moved from,
// an out-parameter written, all before the first co_await.
eager copies_first(const std::string& name, const int& count, std::string&& text, int& out) {
  std::string own = name;
  int n = count;
  auto length = name.size();
  std::string moved = std::move(text);
  out = 1;
  co_await std::suspend_always{};
  use(own);
  use_int(n + static_cast<int>(length));
  use(moved);
}
eager_custom custom_eager(const std::string& name) {
  std::string own(name);
  co_await std::suspend_always{};
  use(own);
}

eager used_after(const std::string& name) {  // expect-warning: parameter 'name' of coroutine 'used_after' is a reference
  co_await std::suspend_always{};
  use(name);  // expect-note: 'name' is used here, after a suspension point
}

// The awaiter may hold on to its operands while suspended.
eager in_the_await(const std::string& name) {  // expect-warning: parameter 'name' of coroutine 'in_the_await'
  int n = co_await read(name);  // expect-note: 'name' is used here, after a suspension point
  use_int(n);
}

// A loop brings an earlier use back after the suspension.
eager in_a_loop(const std::string& name) {  // expect-warning: parameter 'name' of coroutine 'in_a_loop'
  for (int i = 0; i < 3; ++i) {
    std::string own = name;  // expect-note: 'name' is used here, after a suspension point
    co_await std::suspend_always{};
    use(own);
  }
}

// Before the suspension, but leaving a view, a pointer, an iterator or a reference behind, or
// handed to a function that may keep it.
eager keeps_a_view(const std::string& name) {  // expect-warning: parameter 'name' of coroutine 'keeps_a_view'
  std::string_view view = name;  // expect-note: 'name' escapes here
  co_await std::suspend_always{};
  use(std::string(view));
}
eager keeps_a_pointer(const std::vector<int>& values) {  // expect-warning: parameter 'values'
  const int* first = values.data();  // expect-note: 'values' escapes here
  co_await std::suspend_always{};
  use_int(*first);
}
eager passes_it_on(const std::string& name) {  // expect-warning: parameter 'name' of coroutine 'passes_it_on'
  use(name);  // expect-note: 'name' escapes here
  co_await std::suspend_always{};
}
eager aliases(const std::string& name) {  // expect-warning: parameter 'name' of coroutine 'aliases'
  const std::string& alias = name;  // expect-note: 'name' escapes here
  co_await std::suspend_always{};
  use(alias);
}

// A lambda that captured it may run at any later time.
eager captured(const std::string& name) {  // expect-warning: parameter 'name' of coroutine 'captured'
  auto later = [&] { use(name); };  // expect-note: 'name' is used here by a lambda
  co_await std::suspend_always{};
  later();
}

// Not provably eager: reported like a lazy coroutine.
eager_maybe unproven(const std::string& name) {  // expect-warning: parameter 'name' of coroutine 'unproven'
  // expect-note@-1: may suspend before its body runs
  std::string own = name;
  co_await std::suspend_always{};
  use(own);
}

// Never used in the body, but the promise type's constructor receives the parameters and may
// keep a reference for the life of the coroutine (here: until final_suspend).
struct Loop {
  void post();
};
struct eager_on_loop {
  struct promise_type {
    Loop& loop;
    explicit promise_type(Loop& l) : loop(l) {}
    eager_on_loop get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept {
      loop.post();
      return {};
    }
    void return_void() {}
    void unhandled_exception() {}
  };
};
eager_on_loop on_loop(Loop& loop) {  // expect-warning: parameter 'loop' of coroutine 'on_loop' is a reference ('Loop &')
  // expect-note@-1: 'loop' is passed to the promise type's constructor
  co_await std::suspend_always{};
}
