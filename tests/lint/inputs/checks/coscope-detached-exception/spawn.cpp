// co_spawn with detached: an exception the spawned coroutine throws is lost. Reported when a
// throw is visible in the coroutine or in what it calls; not when it is caught on the way, when
// the completion handler sees the exception, or when nothing visibly throws.
#include <boost/asio.hpp>
#include <stdexcept>
#include <string>

namespace asio = boost::asio;

asio::awaitable<void> direct(bool bad) {
  if (bad) throw std::runtime_error("bad");  // expect-note: exception of type 'std::runtime_error' thrown here
  co_return;
}

int parse(const std::string& text) {
  if (text.empty()) throw std::invalid_argument("empty");  // expect-note: exception of type 'std::invalid_argument' thrown here
  return 1;
}
int load(const std::string& text) { return parse(text) + 1; }  // expect-note: through the call to 'parse' here

asio::awaitable<void> indirect(std::string text) {
  int n = load(text);  // expect-note: through the call to 'load' here
  (void)n;
  co_return;
}

asio::awaitable<void> catalogued(std::string text) {
  int n = std::stoi(text);  // expect-note: 'std::stoi' throws on failure
  (void)n;
  co_return;
}

asio::awaitable<void> caught(std::string text) {
  try {
    int n = load(text);
    (void)n;
  } catch (const std::exception& e) {
  }
  co_return;
}

asio::awaitable<void> caught_by_type() {
  try {
    throw std::runtime_error("x");
  } catch (const std::runtime_error&) {
  }
  co_return;
}

asio::awaitable<void> wrong_handler() {
  try {
    throw std::runtime_error("x");  // expect-note: exception of type 'std::runtime_error' thrown here
  } catch (const std::logic_error&) {
  }
  co_return;
}

// A value of no class type is caught by its own type, never by a std::exception handler.
asio::awaitable<void> throws_an_int() {
  try {
    throw 42;  // expect-note: exception of type 'int' thrown here
  } catch (const std::exception&) {
  }
  co_return;
}

asio::awaitable<void> catches_its_int() {
  try {
    throw 42;
  } catch (int) {
  }
  try {
    throw "text";
  } catch (const char*) {
  }
  co_return;
}

// A constructor that validates its input by throwing, in its body or an initializer.
struct Parser {
  explicit Parser(const std::string& s) {
    if (s.empty()) throw std::invalid_argument("empty");  // expect-note: exception of type 'std::invalid_argument' thrown here
  }
};
int checked_port(int p) {
  if (p <= 0) throw std::out_of_range("port");  // expect-note: exception of type 'std::out_of_range' thrown here
  return p;
}
struct Endpoint {
  explicit Endpoint(int p) : port(checked_port(p)) {}  // expect-note: through the call to 'checked_port' here
  int port;
};
asio::awaitable<void> parses(std::string s) {
  Parser p(s);  // expect-note: through the construction of 'Parser' here
  co_return;
}
asio::awaitable<void> connects(int port) {
  auto e = Endpoint{port};  // expect-note: through the construction of 'Endpoint' here
  (void)e;
  co_return;
}

asio::awaitable<void> rethrows() {
  try {
    co_await asio::this_coro::executor;
  } catch (...) {
    throw;  // expect-note: exception rethrown here
  }
}

int safe(int x) noexcept;
asio::awaitable<void> quiet() {
  safe(1);
  co_return;
}

void spawn(asio::io_context& ctx, std::string text) {
  asio::co_spawn(ctx, direct(true), asio::detached);  // expect-warning: 'direct' can throw, and co_spawn with a detached token drops the exception silently
  // expect-note@-1: complete with a handler that sees the exception
  asio::co_spawn(ctx, indirect(text), asio::detached);  // expect-warning: 'indirect' can throw
  asio::co_spawn(ctx, catalogued(text), asio::detached);  // expect-warning: 'catalogued' can throw
  asio::co_spawn(ctx, caught(text), asio::detached);
  asio::co_spawn(ctx, caught_by_type(), asio::detached);
  asio::co_spawn(ctx, wrong_handler(), asio::detached);  // expect-warning: 'wrong_handler' can throw
  asio::co_spawn(ctx, throws_an_int(), asio::detached);  // expect-warning: 'throws_an_int' can throw
  asio::co_spawn(ctx, catches_its_int(), asio::detached);
  asio::co_spawn(ctx, parses(text), asio::detached);  // expect-warning: 'parses' can throw
  asio::co_spawn(ctx, connects(80), asio::detached);  // expect-warning: 'connects' can throw
  asio::co_spawn(ctx, rethrows(), asio::detached);  // expect-warning: 'rethrows' can throw
  asio::co_spawn(ctx, quiet(), asio::detached);
  // The handler sees the exception: not reported.
  asio::co_spawn(ctx, direct(true), [](std::exception_ptr e) {
    if (e) std::rethrow_exception(e);
  });
  asio::co_spawn(ctx, direct(true), asio::use_future);
}
