// Expectations for coscope-blocking-call: positives and negatives by callable kind.
// The annotations are described in tests/lint/expectations.h.
#include <chrono>
#include <coroutine>
#include <mutex>
#include <sstream>
#include <string>
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

using namespace std::chrono_literals;
std::mutex mutex;

// A plain function may block: it is not a coroutine.
void plain_function() {
  std::this_thread::sleep_for(1ms);
  std::lock_guard guard(mutex);
}

task worker() {  // expect-note: inside coroutine 'worker' declared here
  std::this_thread::sleep_for(1ms);  // expect-warning: blocking call to 'std::this_thread::sleep_for' inside coroutine 'worker'
  std::lock_guard guard(mutex);  // expect-warning: construction of 'std::lock_guard'
  co_return;
}

// The innermost callable decides: the plain lambda would run on a pool, not in the coroutine.
task hands_off_to_pool() {
  auto job = [] { ::sleep(1); };
  std::thread(job).detach();
  co_return;
}

// A coroutine lambda inside a plain function is a coroutine.
void spawns_lambda() {
  auto coro = []() -> task {  // expect-note: inside coroutine lambda declared here
    ::usleep(10);  // expect-warning: blocking call to 'usleep' inside coroutine lambda
    co_return;
  };
  coro();
}

// A template coroutine is reported once at its spelling, however often it is instantiated,
// also when the callee only resolves in the instantiations (dependent argument).
template <class Duration>
task sleeper(Duration d) {
  std::this_thread::sleep_for(d);  // expect-warning: 'std::this_thread::sleep_for' inside coroutine 'sleeper'
  co_return;
}
void instantiate() {
  sleeper(1s);
  sleeper(1ms);
  sleeper(std::chrono::microseconds(5));
}

struct Session {
  std::mutex m;
  task run() {  // expect-note: inside coroutine 'Session::run' declared here
    m.lock();  // expect-warning: blocking call to 'std::mutex::lock' inside coroutine 'Session::run'
    m.unlock();
    co_return;
  }
  void helper() { m.lock(); m.unlock(); }  // a plain member function: not reported
};

// Calls through a using-declaration and a namespace alias resolve to the catalog name.
namespace tt = std::this_thread;
task through_names() {
  using std::this_thread::sleep_until;
  sleep_until(std::chrono::steady_clock::now());  // expect-warning: 'std::this_thread::sleep_until'
  tt::sleep_for(1ms);  // expect-warning: 'std::this_thread::sleep_for'
  co_return;
}

// Macro-wrapped calls: reported where the macro is used, with a note into the macro body.
#define NAP() ::usleep(5)  // expect-note: the call comes from the expansion of macro 'NAP'
task macro_user() {
  NAP();  // expect-warning: blocking call to 'usleep'
  co_return;
}

// Negatives: no blocking, or a lock that does not wait.
task not_blocking() {
  std::unique_lock deferred(mutex, std::defer_lock);
  std::unique_lock tried(mutex, std::try_to_lock);
  std::istringstream in("a\nb");
  std::string line;
  std::getline(in, line);  // a string stream does not block
  co_return;
}

// A coroutine lambda nested in a coroutine is its own coroutine; the outer one is not blamed.
task outer() {
  auto inner = []() -> task {  // expect-note: inside coroutine lambda
    std::this_thread::yield();
    ::sleep(1);  // expect-warning: 'sleep' inside coroutine lambda
    co_return;
  };
  inner();
  co_return;
}
