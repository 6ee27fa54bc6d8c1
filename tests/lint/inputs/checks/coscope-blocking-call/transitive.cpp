// Transitive blocking within the translation unit: a call inside a coroutine to a function
// whose definition reaches a blocking call (TransitiveDepth, default 4 functions), with the
// chain as notes. Not followed: coroutines (their own calls are reported where they are),
// virtual calls, lambdas (they run when called, maybe elsewhere), functions only declared.
#include <boost/asio.hpp>
#include <chrono>
#include <fstream>
#include <string>
#include <thread>
#include <unistd.h>

namespace asio = boost::asio;

std::string parse_config(const std::string& path) {
  std::ifstream in(path);  // expect-note: 'parse_config' blocks here: construction of 'std::basic_ifstream'
  std::string text;
  return text;
}
void handle(const std::string& path) {
  parse_config(path);  // expect-note: 'handle' calls 'parse_config' here
}

void defined_later();
void only_declared();

struct Backend {
  virtual ~Backend() = default;
  virtual void flush() { ::sleep(1); }
};

void d4() { ::usleep(1); }  // expect-note: 'd4' blocks here: call to 'usleep'
void d3() { d4(); }
void d2() { d3(); }
void d1() { d2(); }  // expect-note: 'd1' calls 'd2' here
void too_deep() { d1(); }  // five functions to the blocking call

void ping(int n);
void pong(int n) { ping(n - 1); }
void ping(int n) {
  if (n > 0) pong(n);
}
void spin(int n) {
  if (n > 0) spin(n - 1);
  ::sleep(1);  // expect-note: 'spin' blocks here
}

// Constructors are followed: their initializers and body.
struct Settings {
  explicit Settings(const std::string& path) : text(parse_config(path)) {}  // expect-note: 'Settings::Settings' calls 'parse_config' here
  std::string text;
};
struct Pause {
  Pause() { ::sleep(1); }  // expect-note: 'Pause::Pause' blocks here: call to 'sleep'
};
struct Holder {
  Pause pause;  // its implicit constructor runs Pause's: not followed (nor are destructors)
};

asio::awaitable<void> sub() {  // expect-note: inside coroutine 'sub' declared here
  ::sleep(1);  // expect-warning: blocking call to 'sleep' inside coroutine 'sub'
  co_return;
}

void offload(asio::thread_pool& pool) {
  asio::post(pool, [] { std::this_thread::sleep_for(std::chrono::seconds(1)); });
}

asio::awaitable<void> session(Backend& backend, asio::thread_pool& pool) {  // expect-note: inside coroutine 'session' declared here
  handle("app.conf");  // expect-warning: call to 'handle' inside coroutine 'session' blocks: handle -> parse_config -> std::basic_ifstream (file I/O); do file I/O on a worker pool
  defined_later();  // expect-warning: call to 'defined_later' inside coroutine 'session' blocks: defined_later -> d4 -> usleep (sleeps)
  d1();  // expect-warning: blocks: d1 -> d2 -> d3 -> d4 -> usleep
  too_deep();
  only_declared();
  ping(3);
  spin(3);  // expect-warning: blocks: spin -> sleep
  backend.flush();
  co_await sub();
  offload(pool);
  handle("x");  // NOLINT(coscope-blocking-call)
  Settings settings("app.conf");  // expect-warning: construction of 'Settings' inside coroutine 'session' blocks: Settings::Settings -> parse_config -> std::basic_ifstream (file I/O)
  Pause pause;  // expect-warning: construction of 'Pause' inside coroutine 'session' blocks: Pause::Pause -> sleep (sleeps)
  Holder holder;
  co_return;
}

void defined_later() { d4(); }
