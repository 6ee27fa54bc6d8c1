// The two benchmark workloads, compiled once per variant (plain, tracer linked, Asio's own
// tracking): `workloads echo|pingpong|empty [DIVISOR]` print the seconds the workload took.
//   echo:     50 client coroutines, 20,000 loopback round trips of 64 bytes, one thread;
//   pingpong: 2 tasks x 1,500,000 co_await post(): no syscalls, the worst case for a tracer
//             (≈ 0.5 s of CPU untraced, so that the tracer's fixed cost per process does not
//             dominate the ratio);
//   empty:    one task that returns at once: the process's fixed cost (start-up, exit; with the
//   tracer on,
//             its rings, symbol table and final write), reported beside the others.
// DIVISOR (default 1) shrinks echo and pingpong, for the instruction counts under callgrind.
#include <boost/asio.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace asio = boost::asio;
using asio::awaitable;
using asio::use_awaitable;
using asio::ip::tcp;

namespace {

constexpr int kClients = 50;
constexpr int kRoundTrips = 20'000;
constexpr int kPingPongTasks = 2;
constexpr int kPosts = 1'500'000;

awaitable<void> session(tcp::socket socket) {
  char data[64];
  for (;;) {
    boost::system::error_code ec;
    std::size_t n = co_await asio::async_read(socket, asio::buffer(data),
                                              asio::redirect_error(use_awaitable, ec));
    if (ec) co_return;
    co_await asio::async_write(socket, asio::buffer(data, n), use_awaitable);
  }
}

awaitable<void> server(tcp::acceptor& acceptor) {
  for (int i = 0; i < kClients; ++i) {
    tcp::socket socket = co_await acceptor.async_accept(use_awaitable);
    asio::co_spawn(acceptor.get_executor(), session(std::move(socket)), asio::detached);
  }
}

awaitable<void> client(tcp::endpoint to, int trips) {
  tcp::socket socket(co_await asio::this_coro::executor);
  co_await socket.async_connect(to, use_awaitable);
  char data[64] = {};
  for (int i = 0; i < trips; ++i) {
    co_await asio::async_write(socket, asio::buffer(data), use_awaitable);
    co_await asio::async_read(socket, asio::buffer(data), use_awaitable);
  }
}

void echo(int divisor) {
  asio::io_context io(1);
  tcp::acceptor acceptor(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  asio::co_spawn(io, server(acceptor), asio::detached);
  for (int i = 0; i < kClients; ++i)
    asio::co_spawn(io, client(acceptor.local_endpoint(), kRoundTrips / kClients / divisor),
                   asio::detached);
  io.run();
}

awaitable<void> ping_pong(int posts) {
  auto ex = co_await asio::this_coro::executor;
  for (int i = 0; i < posts; ++i) co_await asio::post(ex, use_awaitable);
}

void pingpong(int divisor) {
  asio::io_context io(1);
  for (int i = 0; i < kPingPongTasks; ++i)
    asio::co_spawn(io, ping_pong(kPosts / divisor), asio::detached);
  io.run();
}

awaitable<void> nothing() {
  co_return;
}

void empty() {
  asio::io_context io(1);
  asio::co_spawn(io, nothing(), asio::detached);
  io.run();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2 && argc != 3) return 2;
  int divisor = argc == 3 ? std::atoi(argv[2]) : 1;
  if (divisor < 1) return 2;
  auto start = std::chrono::steady_clock::now();
  if (std::strcmp(argv[1], "echo") == 0)
    echo(divisor);
  else if (std::strcmp(argv[1], "pingpong") == 0)
    pingpong(divisor);
  else if (std::strcmp(argv[1], "empty") == 0)
    empty();
  else
    return 2;
  std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  std::printf("%.6f\n", took.count());
  return 0;
}
