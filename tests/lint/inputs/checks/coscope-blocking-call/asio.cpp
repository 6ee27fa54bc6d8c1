// Asio's synchronous operations and nested event loops, through the real <boost/asio.hpp>;
// the asynchronous twins awaited with use_awaitable are not reported.
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <chrono>
#include <thread>

namespace asio = boost::asio;
using asio::ip::tcp;

asio::awaitable<void> session(tcp::socket sock) {  // expect-note: inside coroutine 'session' declared here
  char data[64];
  sock.read_some(asio::buffer(data));  // expect-warning: 'boost::asio::basic_stream_socket::read_some' inside coroutine 'session' (Asio synchronous operations)
  // expect-note@-1: async alternative: co_await sock.async_read_some(buf, use_awaitable)
  sock.write_some(asio::buffer(data));  // expect-warning: 'boost::asio::basic_stream_socket::write_some'
  asio::read(sock, asio::buffer(data));  // expect-warning: 'boost::asio::read'
  asio::write(sock, asio::buffer(data));  // expect-warning: 'boost::asio::write'
  std::string line;
  asio::read_until(sock, asio::dynamic_buffer(line), '\n');  // expect-warning: 'boost::asio::read_until'
  std::size_t n = co_await sock.async_read_some(asio::buffer(data), asio::use_awaitable);
  co_await asio::async_write(sock, asio::buffer(data, n), asio::use_awaitable);
}

asio::awaitable<void> client(asio::io_context& ctx) {
  tcp::resolver resolver(ctx);
  auto endpoints = resolver.resolve("localhost", "80");  // expect-warning: 'boost::asio::ip::basic_resolver::resolve'
  tcp::socket sock(ctx);
  asio::connect(sock, endpoints);  // expect-warning: 'boost::asio::connect'
  sock.connect(*endpoints.begin());  // expect-warning: 'boost::asio::basic_stream_socket::connect'
  tcp::acceptor acceptor(ctx);
  acceptor.accept();  // expect-warning: 'boost::asio::basic_socket_acceptor::accept'
  asio::steady_timer timer(ctx, std::chrono::seconds(1));
  timer.wait();  // expect-warning: 'boost::asio::basic_waitable_timer::wait'
  co_await timer.async_wait(asio::use_awaitable);
  asio::ssl::context tls(asio::ssl::context::tls_client);
  asio::ssl::stream<tcp::socket> stream(ctx, tls);
  stream.handshake(asio::ssl::stream_base::client);  // expect-warning: 'boost::asio::ssl::stream::handshake'
  co_await stream.async_handshake(asio::ssl::stream_base::client, asio::use_awaitable);
}

asio::awaitable<void> nested_loop(asio::io_context& ctx, asio::thread_pool& pool) {
  ctx.run();  // expect-warning: 'boost::asio::io_context::run' inside coroutine 'nested_loop' (running an event loop inside a coroutine)
  ctx.poll_one();  // expect-warning: 'boost::asio::io_context::poll_one'
  asio::steady_timer timer(ctx);
  timer.async_wait(asio::use_future).get();  // expect-warning: 'std::future::get'
  // Handed to a pool as a plain lambda: runs there, not in the coroutine.
  asio::post(pool, [] { std::this_thread::sleep_for(std::chrono::seconds(1)); });
  co_return;
}

int main() {
  asio::io_context ctx;
  asio::co_spawn(ctx, client(ctx), asio::detached);
  ctx.run();  // not a coroutine: running the loop here is right
}
