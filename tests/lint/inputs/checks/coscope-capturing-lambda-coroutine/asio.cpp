// Through the real <boost/asio.hpp>. co_spawn(executor, function_object, token) moves the lambda
// object into the frame of its entry-point coroutine and awaits `f()` there, so by-copy captures
// live as long as the coroutine (co_spawn.cpp has the by-reference cases). Spawning the result
// of calling the lambda leaves the lambda temporary behind at the ';'.
#include <boost/asio.hpp>
#include <string>

namespace asio = boost::asio;
using asio::ip::tcp;

void start(asio::io_context& ctx, tcp::socket& shared) {
  std::string greeting = "hello";
  // The lambda object travels with the coroutine: fine.
  asio::co_spawn(ctx, [greeting]() -> asio::awaitable<void> {
    asio::steady_timer timer(co_await asio::this_coro::executor);
    co_await timer.async_wait(asio::use_awaitable);
    (void)greeting.size();
  }, asio::detached);
  // By-reference captures of start()'s locals are gone when start() returns; 'shared' is a
  // reference: captured by reference, it names the caller's socket, not start()'s parameter.
  asio::co_spawn(ctx, [greeting, &shared]() -> asio::awaitable<void> {
    co_await asio::async_write(shared, asio::buffer(greeting), asio::use_awaitable);
  }, asio::detached);
  asio::co_spawn(ctx, [&greeting, &shared]() -> asio::awaitable<void> {  // expect-warning: lambda coroutine spawned with co_spawn and not awaited captures 'greeting' by reference: the captured locals
    // expect-note@-1: 'greeting' by reference captured here
    co_await asio::async_write(shared, asio::buffer(greeting), asio::use_awaitable);
  }, asio::detached);
  // The call's result is spawned; the lambda temporary dies at the ';'.
  asio::co_spawn(ctx, [greeting]() -> asio::awaitable<void> {  // expect-warning: lambda coroutine captures 'greeting' by copy
    // expect-note@-1: 'greeting' by copy captured here
    asio::steady_timer timer(co_await asio::this_coro::executor);
    co_await timer.async_wait(asio::use_awaitable);
    (void)greeting.size();
  }(), asio::detached);
}

// Awaited in the same expression: the lambda outlives the awaited coroutine.
asio::awaitable<void> parent() {
  std::string greeting = "hello";
  co_await [&greeting]() -> asio::awaitable<void> {
    asio::steady_timer timer(co_await asio::this_coro::executor);
    co_await timer.async_wait(asio::use_awaitable);
    (void)greeting.size();
  }();
}
