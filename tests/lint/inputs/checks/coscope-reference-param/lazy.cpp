// A lazy coroutine (initial_suspend() suspends) keeps every reference parameter in its frame
// until it is first resumed: whatever the caller passed may be gone by then.
// The annotations are described in tests/lint/expectations.h.
#include <coroutine>
#include <string>
#include <utility>

struct lazy {
  struct promise_type {
    lazy get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};
void use(const std::string&);

lazy greet(const std::string& name) {  // expect-warning: parameter 'name' of coroutine 'greet' is a reference ('const std::string &')
  // expect-note@-1: coroutine 'greet' may suspend before its body runs
  use(name);
  co_return;
}

lazy consume(std::string&& text) {  // expect-warning: parameter 'text' of coroutine 'consume' is an rvalue reference ('std::string &&')
  // expect-note@-1: coroutine 'consume' may suspend before its body runs
  std::string own = std::move(text);  // even the first statement runs after the caller is gone
  use(own);
  co_return;
}

lazy out_param(int& result) {  // expect-warning: parameter 'result' of coroutine 'out_param' is a reference ('int &')
  // expect-note@-1: may suspend before its body runs
  result = 42;
  co_return;
}

// Not reported: by value, a pointer (not a reference: out of scope), and references the body
// never uses (named or not): nothing can dangle.
lazy by_value(std::string name, const char* text) {
  use(name);
  use(text);
  co_return;
}
lazy unused(const std::string& name, int&) {
  co_return;
}

// A lambda coroutine's parameters are coroutine parameters too.
void lambdas() {
  auto coro = [](const std::string& s) -> lazy {  // expect-warning: parameter 's' of coroutine lambda is a reference
    // expect-note@-1: coroutine lambda may suspend before its body runs
    use(s);
    co_return;
  };
  coro("temporary");
}

// Member coroutines: the implicit object parameter (`this`) is not checked (see the doc page).
struct Session {
  std::string id;
  lazy run() {
    use(id);
    co_return;
  }
  lazy rename(const std::string& to) {  // expect-warning: parameter 'to' of coroutine 'Session::rename'
    // expect-note@-1: may suspend before its body runs
    id = to;
    co_return;
  }
};

// Templates: reported once at the spelling, also a forwarding reference.
template <class T>
lazy forward(T&& value) {  // expect-warning: parameter 'value' of coroutine 'forward' is a forwarding reference ('T &&')
  // expect-note@-1: may suspend before its body runs
  use(value);
  co_return;
}
void instantiate() {
  std::string s;
  forward(s);
  forward(std::string("x"));
}

// A template nobody instantiates is judged on its own.
template <class T>
lazy never_instantiated(const T& value) {  // expect-warning: parameter 'value' of coroutine 'never_instantiated' is a reference ('const T &')
  // expect-note@-1: may suspend before its body runs
  use(value);
  co_return;
}
