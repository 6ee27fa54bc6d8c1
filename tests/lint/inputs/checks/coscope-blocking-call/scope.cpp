// coscope-lint matches only declarations outside system headers (the AST traversal scope). User
// code that the standard library instantiates, and user code spelled away from its class, must
// still be found; the clang-tidy plugin, which traverses everything, must agree (PluginParity).
#include <chrono>
#include <coroutine>
#include <functional>
#include <thread>
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

// A member coroutine defined out of line, in another namespace block.
namespace app {
struct Poller {
  task poll_once();
};
}  // namespace app

namespace app {
task Poller::poll_once() {  // expect-note: inside coroutine 'app::Poller::poll_once' declared here
  ::usleep(1);  // expect-warning: blocking call to 'usleep' inside coroutine 'app::Poller::poll_once'
  co_return;
}
}  // namespace app

// The dependent call resolves only in the instantiation, which std::invoke (a system header)
// asks for: the instantiation still hangs below the user's template.
template <class Duration>
task nap(Duration d) {  // expect-note: inside coroutine 'nap' declared here
  std::this_thread::sleep_for(d);  // expect-warning: blocking call to 'std::this_thread::sleep_for' inside coroutine 'nap'
  co_return;
}

// A functor whose coroutine call operator only std::function's machinery instantiates.
template <class Duration>
struct Napper {
  task operator()(Duration d) const {  // expect-note: inside coroutine 'Napper::operator()' declared here
    std::this_thread::sleep_for(d);  // expect-warning: blocking call to 'std::this_thread::sleep_for' inside coroutine 'Napper::operator()'
    co_return;
  }
};

void start() {
  std::invoke(nap<std::chrono::milliseconds>, std::chrono::milliseconds(1));
  std::function<task(std::chrono::seconds)> call = Napper<std::chrono::seconds>{};
  call(std::chrono::seconds(1));
}
