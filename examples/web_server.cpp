// Twin of the classic asyncio web server: one coroutine per connection, HTTP/1.1 with
// keep-alive, over loopback. Every request waits on a timer before it is answered (the handler's
// "work", 1 s by default): a timer wait suspends the coroutine, so a hundred requests in flight
// still take about one second in all.
//
// The deliberate hazard is the route /report: it "renders a report" with
// std::this_thread::sleep_for, a blocking call. While it sleeps, the event loop's only thread is
// held and every other request waits behind it. coscope-lint flags the line; the tracer records
// it as a blocking-call finding with the task's async stack.
//
//   web_server [--port N] [--delay-ms MS] [--requests N]
//     --port 0 (default) picks a free port; the port is printed as "listening on 127.0.0.1:N"
//     --requests N stops after N responses; otherwise it runs until SIGINT or SIGTERM.
#include <boost/asio.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <set>
#include <string>
#include <thread>

namespace asio = boost::asio;
using asio::awaitable;
using asio::use_awaitable;
using asio::ip::tcp;
using namespace std::chrono_literals;

namespace {

struct Settings {
  unsigned short port = 0;
  std::chrono::milliseconds delay = 1000ms;
  long max_requests = -1;  // -1: until a signal
};

struct Request {
  std::string method;
  std::string target;
  bool keep_alive = true;
};

// Parses the request line and the one header this server cares about. Header names are
// case-insensitive in HTTP; a lower-cased copy keeps the search simple.
Request parse_request(const std::string& head) {
  Request request;
  const auto line_end = head.find("\r\n");
  const std::string line = head.substr(0, line_end);
  const auto first_space = line.find(' ');
  const auto second_space = line.find(' ', first_space + 1);
  request.method = line.substr(0, first_space);
  request.target = line.substr(first_space + 1, second_space - first_space - 1);
  std::string lower = head;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower.find("\r\nconnection: close") != std::string::npos) request.keep_alive = false;
  if (line.ends_with("HTTP/1.0") && lower.find("\r\nconnection: keep-alive") == std::string::npos)
    request.keep_alive = false;
  return request;
}

std::string response(int status, const char* reason, const std::string& body, bool keep_alive) {
  return "HTTP/1.1 " + std::to_string(status) + " " + reason +
         "\r\nContent-Type: text/plain\r\nContent-Length: " + std::to_string(body.size()) +
         (keep_alive ? "\r\n" : "\r\nConnection: close\r\n") + "\r\n" + body;
}

// The "expensive report": written the blocking way on purpose (see the header comment). The
// fix is the same timer wait the other route uses, or asio::post to a thread_pool.
std::string render_report() {
  std::this_thread::sleep_for(200ms);  // hazard: blocks the event loop
  return "report: all systems nominal\n";
}

// The route handler: what a request costs before its response is ready.
awaitable<std::string> handle(Request request, std::chrono::milliseconds delay) {
  if (request.target == "/report") co_return render_report();
  asio::steady_timer work(co_await asio::this_coro::executor, delay);
  co_await work.async_wait(use_awaitable);
  co_return "hello from " + request.target + "\n";
}

class Server {
 public:
  Server(asio::io_context& io, const Settings& settings)
      : io_(io),
        settings_(settings),
        acceptor_(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), settings.port)) {}

  unsigned short port() const { return acceptor_.local_endpoint().port(); }

  awaitable<void> accept_loop() {
    for (;;) {
      auto [ec, socket] = co_await acceptor_.async_accept(asio::as_tuple(use_awaitable));
      if (ec) co_return;  // the acceptor was closed: shutting down
      asio::co_spawn(io_, session(std::move(socket)), asio::detached);
    }
  }

  // Stops accepting and closes every open connection: their pending reads end with an error,
  // so each session returns and run() can return with no task left behind.
  void stop() {
    boost::system::error_code ignored;
    acceptor_.close(ignored);
    for (tcp::socket* socket : open_) socket->close(ignored);
  }

 private:
  // One connection: read a request head, answer, repeat while the client keeps it alive.
  awaitable<void> session(tcp::socket socket) {
    open_.insert(&socket);
    struct Forget {  // runs when the session's frame ends, however it ends
      std::set<tcp::socket*>& open;
      tcp::socket* socket;
      ~Forget() { open.erase(socket); }
    } forget{open_, &socket};
    std::string buffer;
    for (;;) {
      auto [ec, n] = co_await asio::async_read_until(socket, asio::dynamic_buffer(buffer),
                                                     "\r\n\r\n", asio::as_tuple(use_awaitable));
      if (ec) co_return;  // the client went away (or sent a head larger than the buffer limit)
      const Request request = parse_request(buffer.substr(0, n));
      buffer.erase(0, n);  // requests carry no body here: GET only
      std::string reply;
      if (request.method != "GET") {
        reply = response(405, "Method Not Allowed", "GET only\n", false);
      } else {
        reply = response(200, "OK", co_await handle(request, settings_.delay), request.keep_alive);
      }
      auto [write_ec, written] =
          co_await asio::async_write(socket, asio::buffer(reply), asio::as_tuple(use_awaitable));
      (void)written;
      if (write_ec || !request.keep_alive || request.method != "GET") co_return;
      if (settings_.max_requests > 0 && ++served_ >= settings_.max_requests) {
        stop();
        co_return;
      }
    }
  }

  asio::io_context& io_;
  Settings settings_;
  tcp::acceptor acceptor_;
  std::set<tcp::socket*> open_;  // one thread runs the io_context: no lock needed
  long served_ = 0;
};

bool parse_arguments(int argc, char** argv, Settings& settings) {
  for (int i = 1; i < argc; ++i) {
    const bool has_value = i + 1 < argc;
    if (std::strcmp(argv[i], "--port") == 0 && has_value) {
      settings.port = static_cast<unsigned short>(std::atoi(argv[++i]));
    } else if (std::strcmp(argv[i], "--delay-ms") == 0 && has_value) {
      settings.delay = std::chrono::milliseconds(std::atol(argv[++i]));
    } else if (std::strcmp(argv[i], "--requests") == 0 && has_value) {
      settings.max_requests = std::atol(argv[++i]);
    } else {
      std::fprintf(stderr, "usage: %s [--port N] [--delay-ms MS] [--requests N]\n", argv[0]);
      return false;
    }
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  Settings settings;
  if (!parse_arguments(argc, argv, settings)) return 2;
  asio::io_context io;
  Server server(io, settings);
  // SIGINT/SIGTERM close the acceptor; open connections finish their current request, then
  // run() returns once nothing is left to do.
  asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code& ec, int) {
    if (!ec) server.stop();
  });
  asio::co_spawn(io, server.accept_loop(), [&](std::exception_ptr) { signals.cancel(); });
  std::printf("listening on 127.0.0.1:%u\n", server.port());
  std::fflush(stdout);
  io.run();
  std::printf("web_server: stopped\n");
  return 0;
}
