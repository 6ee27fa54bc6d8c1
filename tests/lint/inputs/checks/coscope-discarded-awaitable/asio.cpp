// asio::awaitable is lazy: a coroutine returning one does not start until it is awaited or
// co_spawned. Dropping the result of the call does nothing at all.
#include <boost/asio.hpp>

namespace asio = boost::asio;
using asio::ip::tcp;

asio::awaitable<void> flush(tcp::socket& sock);
asio::awaitable<std::size_t> fetch(tcp::socket& sock);

asio::awaitable<void> session(tcp::socket sock) {
  flush(sock);  // expect-warning: awaitable of type 'boost::asio::awaitable' returned by 'flush' is discarded without being awaited: the work it stands for never runs
  // expect-note@-1: co_await it, keep it to await later, or co_spawn it
  fetch(sock);  // expect-warning: returned by 'fetch' is discarded
  co_await flush(sock);
  std::size_t n = co_await fetch(sock);
  auto later = fetch(sock);  // stored: awaited below
  n += co_await std::move(later);
  asio::co_spawn(sock.get_executor(), flush(sock), asio::detached);  // passed on
  (void)fetch(sock);  // an explicit discard is the author's decision
  static_cast<void>(fetch(sock));
}

// Outside a coroutine the mistake is the same: nothing runs.
void start(tcp::socket& sock) {
  flush(sock);  // expect-warning: returned by 'flush'
  asio::co_spawn(sock.get_executor(), flush(sock), asio::detached);
}

asio::awaitable<void> forward(tcp::socket& sock) {
  return flush(sock);  // returned: the caller awaits it
}

// The async operations' own results with use_awaitable are awaitables too.
asio::awaitable<void> timers(asio::steady_timer& timer) {
  timer.async_wait(asio::use_awaitable);  // expect-warning: returned by 'boost::asio::basic_waitable_timer::async_wait'
  co_await timer.async_wait(asio::use_awaitable);
  timer.async_wait(asio::detached);  // a completion token that starts the operation: not an awaitable
}

// An immediately invoked coroutine lambda.
void lambda(tcp::socket& sock) {
  [&]() -> asio::awaitable<void> { co_await flush(sock); }();  // expect-warning: returned by the lambda call
}
