// Calls in operands that clang never evaluates do not run, so they block nothing: sizeof,
// alignof, decltype, noexcept, typeid of a non-polymorphic operand, requires-expressions. The
// same calls evaluated are reported, directly or through a function that makes them.
#include <chrono>
#include <coroutine>
#include <cstdio>
#include <future>
#include <thread>
#include <type_traits>
#include <typeinfo>
#include <unistd.h>

struct task {
  struct promise_type {
    task get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};

struct Plain {
  int value;
};
Plain make_plain() {
  ::sleep(1);  // expect-note: 'make_plain' blocks here: call to 'sleep'
  return {};
}
struct Shape {
  virtual ~Shape() = default;
};
Shape& open_shape() {
  static Shape shape;
  std::FILE* file = std::fopen("shape", "r");  // expect-note: 'open_shape' blocks here: call to 'fopen'
  (void)file;
  return shape;
}

// Sizes and types of blocking calls, computed without making them.
void measures() {
  constexpr auto size = sizeof(std::fopen("x", "r"));
  (void)size;
  using R = decltype(::usleep(1));
  static_assert(std::is_same_v<R, int>);
}

task unevaluated() {  // expect-note: inside coroutine 'unevaluated' declared here
  using R = decltype(std::this_thread::sleep_for(std::chrono::seconds(1)));
  static_assert(std::is_void_v<R>);
  constexpr auto size = sizeof(std::fopen("x", "r"));
  constexpr auto align = alignof(decltype(::sleep(1)));
  (void)size;
  (void)align;
  std::future<int> f;
  constexpr bool nothrow = noexcept(f.get());
  (void)nothrow;
  (void)typeid(make_plain());  // not polymorphic: only its static type is taken
  if constexpr (requires { f.wait(); }) {
  }
  decltype(make_plain()) copy{};
  (void)copy;
  measures();
  (void)sizeof(make_plain());
  (void)typeid(open_shape());  // expect-warning: call to 'open_shape' inside coroutine 'unevaluated' blocks
  make_plain();  // expect-warning: call to 'make_plain' inside coroutine 'unevaluated' blocks
  ::usleep(1);  // expect-warning: blocking call to 'usleep' inside coroutine 'unevaluated'
  co_return;
}
