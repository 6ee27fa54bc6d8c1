// NOLINT on the parameter's line suppresses coscope-reference-param.
#include <coroutine>
#include <string>

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

lazy suppressed(const std::string& a,  // NOLINT(coscope-reference-param)
                // NOLINTNEXTLINE(coscope-*)
                const std::string& b,
                const std::string& c) {  // NOLINT(coscope-blocking-call)  expect-warning: parameter 'c'
  // (The note on the coroutine's name is dropped too: that line carries a NOLINT.)
  use(a);
  use(b);
  use(c);
  co_return;
}
