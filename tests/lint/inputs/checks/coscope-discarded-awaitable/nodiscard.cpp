// [[nodiscard]] awaitables: clang's -Wunused-result says the value is unused; this check still
// reports them, because it says why it matters (nothing runs) and clang-tidy runs often hide
// compiler warnings. A reference to an existing awaitable is not a new one being dropped.
#include <coroutine>

struct [[nodiscard]] lazy {
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};
lazy step();
lazy& current();

void caller() {
  step();  // expect-warning: returned by 'step'
  current();
}
