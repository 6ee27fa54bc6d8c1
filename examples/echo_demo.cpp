// Twin of asyncio's "TCP echo server and client": a server coroutine per connection and
// 20 client coroutines, all over loopback in one process; runs to completion in well under a
// second. Deliberate hazards, for the tracer and its checks to show:
//   - a session handles the "slow" command with std::this_thread::sleep_for: a blocking call
//     on the event loop, stalling every other task;
//   - one client gives up on a bad reply by throwing from a detached task: the exception is lost;
//   - a "janitor" task waits on a timer nobody ever fires: it is still waiting when main()
//     stops the loop, and is destroyed with the io_context.
#include <boost/asio.hpp>
#include <cstdio>
#include <string>
#include <thread>

namespace asio = boost::asio;
using asio::awaitable;
using asio::use_awaitable;
using asio::ip::tcp;

namespace {

constexpr int kClients = 20;
constexpr int kRoundTrips = 50;
int g_clients_done = 0;

awaitable<void> session(tcp::socket socket) {
  char data[64];
  for (;;) {
    boost::system::error_code ec;
    std::size_t n = co_await socket.async_read_some(asio::buffer(data),
                                                    asio::redirect_error(use_awaitable, ec));
    if (ec) co_return;
    if (std::string(data, n) == "slow") {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));  // hazard: blocks the loop
    }
    co_await asio::async_write(socket, asio::buffer(data, n), use_awaitable);
  }
}

awaitable<void> server(tcp::acceptor& acceptor) {
  for (;;) {
    tcp::socket socket = co_await acceptor.async_accept(use_awaitable);
    asio::co_spawn(acceptor.get_executor(), session(std::move(socket)), asio::detached);
  }
}

awaitable<void> client(tcp::endpoint server_at, int id) {
  tcp::socket socket(co_await asio::this_coro::executor);
  co_await socket.async_connect(server_at, use_awaitable);
  char reply[16];
  for (int i = 0; i < kRoundTrips; ++i) {
    std::string message = (id == 3 && i == 10) ? "slow" : "ping";
    co_await asio::async_write(socket, asio::buffer(message), use_awaitable);
    std::size_t n = co_await socket.async_read_some(asio::buffer(reply), use_awaitable);
    if (id == 7 && i == 25) n = 0;  // pretend the server answered garbage
    if (n != message.size()) {
      ++g_clients_done;
      throw std::runtime_error("client " + std::to_string(id) + ": short reply");  // hazard
    }
  }
  ++g_clients_done;
}

awaitable<void> janitor() {
  asio::steady_timer never(co_await asio::this_coro::executor, std::chrono::hours(24));
  co_await never.async_wait(use_awaitable);  // hazard: nothing ever wakes it
}

}  // namespace

int main() {
  asio::io_context io;
  tcp::acceptor acceptor(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  asio::co_spawn(io, server(acceptor), asio::detached);
  asio::co_spawn(io, janitor(), asio::detached);
  for (int id = 0; id < kClients; ++id)
    asio::co_spawn(io, client(acceptor.local_endpoint(), id), asio::detached);
  // Run until every client is done, then stop (the server and janitor would run forever).
  while (g_clients_done < kClients && io.run_one() > 0) {
  }
  io.stop();
  std::printf("echo_demo: %d clients done\n", g_clients_done);
  return 0;
}
