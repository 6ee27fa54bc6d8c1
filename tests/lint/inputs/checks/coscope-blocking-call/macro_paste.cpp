// A macro that pastes tokens (guard_##m) spells the pasted name in clang's scratch space, which
// has no file: the note still names the macro and points at the paste in its body.
#include <coroutine>
#include <mutex>
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

std::mutex mu;
#define LOCKED(m) std::lock_guard<std::mutex> guard_##m(m)  // expect-note: the call comes from the expansion of macro 'LOCKED'
#define NAP(unit) u##unit(5)  // expect-note: the call comes from the expansion of macro 'NAP'

task pasted() {
  LOCKED(mu);  // expect-warning: blocking construction of 'std::lock_guard' inside coroutine 'pasted'
  NAP(sleep);  // expect-warning: blocking call to 'usleep' inside coroutine 'pasted'
  co_return;
}
