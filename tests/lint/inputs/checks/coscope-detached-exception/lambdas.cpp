// A coroutine lambda spawned directly; a plain lambda inside the coroutine runs elsewhere (a
// thread pool, a callback) and its throw is not the coroutine's.
#include <boost/asio.hpp>
#include <stdexcept>

namespace asio = boost::asio;

void spawn(asio::io_context& ctx, asio::thread_pool& pool) {
  asio::co_spawn(  // expect-warning: the lambda can throw
      ctx,
      []() -> asio::awaitable<void> {
        throw std::logic_error("never seen");  // expect-note: exception of type 'std::logic_error' thrown here
        co_return;
      },
      asio::detached);
  asio::co_spawn(
      ctx,
      [&]() -> asio::awaitable<void> {
        asio::post(pool, [] { throw std::runtime_error("on the pool"); });
        co_return;
      },
      asio::detached);
}

// Awaiting a coroutine that throws propagates the exception into the awaiting one.
asio::awaitable<void> inner() {
  throw std::runtime_error("inner");  // expect-note: exception of type 'std::runtime_error' thrown here
  co_return;
}
asio::awaitable<void> outer() {
  co_await inner();  // expect-note: through the call to 'inner' here
}
void spawn_outer(asio::io_context& ctx) {
  asio::co_spawn(ctx, outer(), asio::detached);  // expect-warning: 'outer' can throw
}

// Recursion ends.
asio::awaitable<void> ping(int n);
asio::awaitable<void> pong(int n) { co_await ping(n - 1); }
asio::awaitable<void> ping(int n) {
  if (n > 0) co_await pong(n);
}
void spawn_ping(asio::io_context& ctx) {
  asio::co_spawn(ctx, ping(3), asio::detached);
}

// A template coroutine is reported once per spelling.
template <class T>
asio::awaitable<void> typed() {
  throw T("typed");  // expect-note: thrown here
  co_return;
}
template <class T>
void spawn_typed(asio::io_context& ctx) {
  asio::co_spawn(ctx, typed<T>(), asio::detached);  // expect-warning: 'typed' can throw
}
template void spawn_typed<std::runtime_error>(asio::io_context&);
template void spawn_typed<std::logic_error>(asio::io_context&);

// A coroutine spawned (not awaited) inside the spawned one keeps its exception to itself: the
// inner co_spawn is reported, the outer is not (as in Asio's timeout.cpp example).
asio::awaitable<void> connection() {
  throw std::runtime_error("timed out");  // expect-note: thrown here
  co_return;
}
asio::awaitable<void> listener() {
  for (;;) {
    asio::co_spawn(co_await asio::this_coro::executor, connection(), asio::detached);  // expect-warning: 'connection' can throw
  }
}
void spawn_listener(asio::io_context& ctx) {
  asio::co_spawn(ctx, listener(), asio::detached);
}
