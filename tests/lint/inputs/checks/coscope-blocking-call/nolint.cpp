// Every NOLINT form suppresses coscope-blocking-call; a NOLINT for another check does not.
#include <coroutine>
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

task suppressed() {
  ::sleep(1);  // NOLINT
  ::sleep(2);  // NOLINT(coscope-blocking-call)
  ::sleep(3);  // NOLINT(coscope-*)
  ::sleep(4);  // NOLINT(bugprone-unused-return-value)  expect-warning: 'sleep'
  // NOLINTNEXTLINE
  ::sleep(5);
  // NOLINTNEXTLINE(coscope-blocking-call)
  ::sleep(6);
  // NOLINTNEXTLINE(readability-magic-numbers)
  ::sleep(7);  // expect-warning: 'sleep'
  // NOLINTBEGIN(coscope-blocking-call)
  ::sleep(8);
  ::usleep(9);
  // NOLINTEND(coscope-blocking-call)
  // NOLINTBEGIN
  ::sleep(10);
  // NOLINTEND
  ::usleep(11);  // expect-warning: 'usleep'
  co_return;
}
