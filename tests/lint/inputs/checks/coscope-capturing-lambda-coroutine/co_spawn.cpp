// A lambda passed directly to Asio's co_spawn, through the real <boost/asio.hpp>. co_spawn moves
// the function object into the frame of its entry-point coroutine (co_spawn_entry_point takes
// `F f` by value and does `co_await f()`), so the lambda object lives as long as its coroutine.
// - Awaited (`co_await co_spawn(...)`, whatever awaitable token): the spawner is suspended in
//   the full-expression until the spawned coroutine has completed; its locals outlive it too.
// - Not awaited (detached, a handler): by-copy captures are safe; by-reference captures of the
//   spawning function's own objects (locals, by-value parameters) die with its scope.
//   A reference captured by reference names the object it is bound to ([expr.prim.lambda.capture]),
//   which the spawning function does not own, and `this` is a copied pointer: not reported.
#include <boost/asio.hpp>
#include <string>
#include <utility>

namespace asio = boost::asio;

asio::awaitable<int> awaited(int v) {
  auto ex = co_await asio::this_coro::executor;
  int r = co_await asio::co_spawn(ex, [&]() -> asio::awaitable<int> { co_return v; }, asio::use_awaitable);
  std::string name = "a";
  r += co_await asio::co_spawn(ex, [&name, v]() -> asio::awaitable<int> {
    asio::steady_timer timer(co_await asio::this_coro::executor);
    co_await timer.async_wait(asio::use_awaitable);
    co_return static_cast<int>(name.size()) + v;
  }, asio::use_awaitable);
  auto [error, n] = co_await asio::co_spawn(ex, [&]() -> asio::awaitable<int> { co_return r; },
                                            asio::as_tuple(asio::use_awaitable));
  (void)error;
  co_await asio::co_spawn(ex, [&name]() -> asio::awaitable<void> {
    (void)name;
    co_return;
  }, asio::deferred);
  co_await (asio::co_spawn(ex, [&]() -> asio::awaitable<void> { (void)name; co_return; },
                           asio::use_awaitable));
  co_return r + n;
}

struct Server {
  int port = 80;
  asio::awaitable<void> serve() {
    auto ex = co_await asio::this_coro::executor;
    co_await asio::co_spawn(ex, [this]() -> asio::awaitable<void> {
      (void)port;
      co_return;
    }, asio::use_awaitable);
  }
  void start(asio::io_context& io) {
    // `this` is copied into the lambda, which lives in the coroutine frame.
    asio::co_spawn(io, [this]() -> asio::awaitable<void> {
      (void)port;
      co_return;
    }, asio::detached);
  }
};

void detached(asio::io_context& io, std::string by_value, std::string& by_reference) {
  std::string local = "a";
  int count = 1;
  asio::co_spawn(io, [&local, count]() -> asio::awaitable<void> {  // expect-warning: lambda coroutine spawned with co_spawn and not awaited captures 'local' by reference: the captured locals of the spawning scope are destroyed when it ends
    // expect-note@-1: 'local' by reference captured here
    (void)local;
    (void)count;
    co_return;
  }, asio::detached);
  asio::co_spawn(io, [&]() -> asio::awaitable<void> {  // expect-warning: captures 'by_value' by reference, 'count' by reference: the captured locals
    (void)by_value;  // expect-note: 'by_value' by reference captured here through the default capture '&'
    (void)by_reference;
    (void)count;  // expect-note: 'count' by reference captured here
    co_return;
  }, asio::detached);
  // A reference parameter's object belongs to the caller.
  asio::co_spawn(io, [&by_reference]() -> asio::awaitable<void> {
    (void)by_reference;
    co_return;
  }, asio::detached);
  // A local reference bound to a local refers to that local.
  std::string& alias = local;
  asio::co_spawn(io, [&alias, &moved = local]() -> asio::awaitable<void> {  // expect-warning: captures 'alias' by reference, 'moved' by reference: the captured locals
    (void)alias;
    (void)moved;
    co_return;
  }, asio::detached);
  // By copy: the copies live in the lambda object, which lives in the frame.
  asio::co_spawn(io, [=, moved = std::move(local)]() -> asio::awaitable<void> {
    (void)by_value;
    (void)count;
    (void)moved;
    co_return;
  }, asio::detached);
  // A completion handler is not an await: the spawner goes on.
  asio::co_spawn(io, [&count]() -> asio::awaitable<void> {  // expect-warning: captures 'count' by reference: the captured locals
    (void)count;
    co_return;
  }, [](std::exception_ptr) {});
  // Kept and awaited later: not followed, the co_spawn itself is not the operand of a co_await.
  auto later = asio::co_spawn(io, [&count]() -> asio::awaitable<void> {  // expect-warning: captures 'count' by reference: the captured locals
    (void)count;
    co_return;
  }, asio::deferred);
  (void)later;
}
