// Through the real <boost/asio.hpp>: asio::awaitable is lazy (it starts suspended and runs when
// awaited or spawned), so a reference parameter is only as good as the caller's discipline.
// echo_once is the shape of Asio's cpp20/coroutines/refactored_echo_server.cpp, correct there
// because its only caller awaits it (see callers_asio.cpp); here nothing calls it, and another
// translation unit could spawn it and let the socket die: reported.
#include <boost/asio.hpp>
#include <string>

namespace asio = boost::asio;
using asio::ip::tcp;

asio::awaitable<void> echo_once(tcp::socket& socket) {  // expect-warning: parameter 'socket' of coroutine 'echo_once' is a reference ('tcp::socket &')
  // expect-note@-1: may suspend before its body runs
  char data[128];
  std::size_t n = co_await socket.async_read_some(asio::buffer(data), asio::use_awaitable);
  co_await asio::async_write(socket, asio::buffer(data, n), asio::use_awaitable);
}

asio::awaitable<void> send(tcp::socket socket, std::string message) {
  co_await asio::async_write(socket, asio::buffer(message), asio::use_awaitable);
}

asio::awaitable<void> dangles(tcp::socket& socket, const std::string& message) {  // expect-warning: parameter 'message' of coroutine 'dangles'
  // expect-warning@-1: parameter 'socket' of coroutine 'dangles'
  // expect-note@-2: may suspend before its body runs
  co_await asio::async_write(socket, asio::buffer(message), asio::use_awaitable);
}

void start(asio::io_context& ctx) {
  tcp::socket socket(ctx);
  // Both references dangle: the socket dies at the end of start(), the string at the ';'.
  asio::co_spawn(ctx, dangles(socket, "hello"), asio::detached);
}
