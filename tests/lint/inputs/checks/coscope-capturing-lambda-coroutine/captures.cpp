// Lambdas with captures whose body is a coroutine: the captures live in the lambda object, not
// in the coroutine frame. Each capture is listed, default captures resolved.
// The annotations are described in tests/lint/expectations.h.
#include <coroutine>
#include <string>
#include <utility>

struct task {
  struct promise_type {
    task get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};
void use(const std::string&);
void use_int(int);
void spawn(task);

void explicit_captures() {
  std::string name = "a";
  int count = 1;
  auto coro = [name, &count]() -> task {  // expect-warning: lambda coroutine captures 'name' by copy, 'count' by reference: captures live in the lambda object
    // expect-note@-1: 'name' by copy captured here
    // expect-note@-2: 'count' by reference captured here
    co_await std::suspend_always{};
    use(name);
    use_int(count);
  };
  spawn(coro());
}

void default_captures() {
  std::string name = "a";
  int count = 1;
  int unused = 0;
  spawn([=]() -> task {  // expect-warning: lambda coroutine captures 'name' by copy, 'count' by copy: captures
    co_await std::suspend_always{};
    use(name);  // expect-note: 'name' by copy captured here through the default capture '='
    use_int(count);  // expect-note: 'count' by copy captured here through the default capture '='
  }());
  spawn([&]() -> task {  // expect-warning: lambda coroutine captures 'count' by reference
    use_int(count);  // expect-note: 'count' by reference captured here through the default capture '&'
    co_return;
  }());
  (void)unused;
}

void init_captures() {
  std::string name = "a";
  spawn([moved = std::move(name), n = 2]() -> task {  // expect-warning: lambda coroutine captures 'moved' by copy, 'n' by copy
    // expect-note@-1: 'moved' by copy captured here (init-capture)
    // expect-note@-2: 'n' by copy captured here (init-capture)
    use(moved);
    use_int(n);
    co_return;
  }());
}

struct Server {
  std::string id;
  void start() {
    spawn([this]() -> task {  // expect-warning: lambda coroutine captures 'this': captures live
      // expect-note@-1: 'this' captured here
      use(id);
      co_return;
    }());
    spawn([*this]() -> task {  // expect-warning: lambda coroutine captures '*this' by copy
      // expect-note@-1: '*this' by copy captured here
      use(id);
      co_return;
    }());
  }
};

// Not reported: no captures (pass what it needs as parameters: the CP.51 fix), or not a
// coroutine (a plain lambda inside a coroutine, or anywhere).
task fixed() {
  std::string name = "a";
  auto coro = [](std::string name) -> task {
    co_await std::suspend_always{};
    use(name);
  };
  spawn(coro(name));
  auto plain = [&name] { use(name); };
  plain();
  co_return;
}

// Templates: the lambda of each instantiation is reported once, at its spelling.
template <class T>
void generic(T value) {
  spawn([value]() -> task {  // expect-warning: lambda coroutine captures 'value' by copy
    // expect-note@-1: 'value' by copy captured here
    co_return;
  }());
}
void instantiate() {
  generic(1);
  generic(std::string("x"));
}

// A generic lambda coroutine with a capture.
void generic_lambda() {
  int base = 1;
  auto coro = [base](auto n) -> task {  // expect-warning: lambda coroutine captures 'base' by copy
    // expect-note@-1: 'base' by copy captured here
    use_int(base + n);
    co_return;
  };
  spawn(coro(2));
}
