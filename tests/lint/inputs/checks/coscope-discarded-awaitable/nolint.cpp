// NOLINT forms suppress coscope-discarded-awaitable; a NOLINT for another check does not.
#include <coroutine>

struct lazy {
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};
lazy step();

void suppressed() {
  step();  // NOLINT
  step();  // NOLINT(coscope-discarded-awaitable)
  step();  // NOLINT(coscope-blocking-call)  expect-warning: returned by 'step'
  // NOLINTNEXTLINE(coscope-*)
  step();
}
