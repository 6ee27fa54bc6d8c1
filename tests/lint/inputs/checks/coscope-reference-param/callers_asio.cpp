// The caller-side exemptions through the real Asio, in the shapes of Asio's own C++20 examples
// (cpp20/coroutines/timeout.cpp, refactored_echo_server.cpp, channels/throttling_proxy.cpp):
// coroutines awaited directly, through the awaitable operators && and ||, or through
// co_spawn(..., use_awaitable), and a listener spawned from main with main's acceptor.
#include <boost/asio.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>

#include <chrono>

namespace asio = boost::asio;
using asio::ip::tcp;
using namespace asio::experimental::awaitable_operators;
using time_point = std::chrono::steady_clock::time_point;

asio::awaitable<void> echo(tcp::socket& sock, time_point& deadline) {
  char data[1024];
  for (;;) {
    deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    auto n = co_await sock.async_read_some(asio::buffer(data), asio::use_awaitable);
    co_await asio::async_write(sock, asio::buffer(data, n), asio::use_awaitable);
  }
}

asio::awaitable<void> watchdog(time_point& deadline) {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  while (deadline > std::chrono::steady_clock::now()) {
    timer.expires_at(deadline);
    co_await timer.async_wait(asio::use_awaitable);
  }
}

asio::awaitable<void> transfer(tcp::socket& from, tcp::socket& to) {
  char data[1024];
  for (;;) {
    auto n = co_await from.async_read_some(asio::buffer(data), asio::use_awaitable);
    co_await asio::async_write(to, asio::buffer(data, n), asio::use_awaitable);
  }
}

asio::awaitable<void> echo_once(tcp::socket& socket) {
  char data[128];
  auto n = co_await socket.async_read_some(asio::buffer(data), asio::use_awaitable);
  co_await asio::async_write(socket, asio::buffer(data, n), asio::use_awaitable);
}

// Spawned detached inside a co_await's operand, but its result does not flow into what is
// awaited: the caller does not wait for it.
asio::awaitable<void> not_waited_for(tcp::socket& socket) {  // expect-warning: parameter 'socket' of coroutine 'not_waited_for'
  // expect-note@-1: may suspend before its body runs
  co_await asio::async_write(socket, asio::buffer("x", 1), asio::use_awaitable);
}

asio::awaitable<void> handle_connection(tcp::socket sock) {
  time_point deadline{};
  co_await (echo(sock, deadline) && watchdog(deadline));
  tcp::socket server(sock.get_executor());
  co_await (transfer(sock, server) || transfer(server, sock));
  co_await asio::co_spawn(sock.get_executor(), echo_once(sock), asio::use_awaitable);
  asio::steady_timer timer(sock.get_executor());
  co_await (asio::co_spawn(sock.get_executor(), not_waited_for(sock), asio::detached),
            timer.async_wait(asio::use_awaitable));
}

asio::awaitable<void> listen(tcp::acceptor& acceptor) {
  for (;;)
    asio::co_spawn(acceptor.get_executor(),
                   handle_connection(co_await acceptor.async_accept(asio::use_awaitable)),
                   asio::detached);
}

// Awaited once, but also spawned detached by a function that returns at once: reported.
asio::awaitable<void> dangles(tcp::socket& socket) {  // expect-warning: parameter 'socket' of coroutine 'dangles' is a reference ('tcp::socket &')
  // expect-note@-1: may suspend before its body runs
  co_await asio::async_write(socket, asio::buffer("x", 1), asio::use_awaitable);
}
asio::awaitable<void> awaits_dangles(tcp::socket socket) {
  co_await dangles(socket);
}
void start(asio::io_context& ctx) {
  tcp::socket socket(ctx);
  asio::co_spawn(ctx, dangles(socket), asio::detached);  // expect-note: other calls are safe, but this one is neither awaited
}

int main() {
  try {
    asio::io_context ctx;
    tcp::acceptor acceptor(ctx, {tcp::v4(), 0});
    asio::co_spawn(ctx, listen(acceptor), asio::detached);
    ctx.run();
  } catch (std::exception&) {
    return 1;
  }
}
