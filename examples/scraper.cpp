// Twin of the classic asyncio scraper: fetch many URLs from a web server, first one after
// another, then all at once, and compare the times. Run it against the web_server example:
//
//   web_server --delay-ms 200 &            # prints "listening on 127.0.0.1:PORT"
//   scraper --port PORT --count 10         # about 2 s one after another, 0.2 s concurrently
//   scraper --port PORT --count 10 --path /report   # the blocking route: no gain at all
//
// Each fetch is a coroutine: connect, send a GET, read the response head and its
// Content-Length body. The concurrent pass starts every fetch as its own task and awaits them
// together with a ranged parallel group (asyncio.gather's counterpart). A fetch that fails is
// reported with its error; it does not stop the others.
#include <boost/asio.hpp>
#include <boost/asio/experimental/parallel_group.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace asio = boost::asio;
using asio::awaitable;
using asio::use_awaitable;
using asio::ip::tcp;

namespace {

struct Settings {
  unsigned short port = 8080;
  int count = 10;
  std::vector<std::string> paths;  // fetched in turn; default "/page/<i>"
  std::string mode = "both";       // sequential, concurrent or both
};

// One GET over a fresh connection; returns the body. Throws boost::system::system_error on
// network errors and std::runtime_error on a response it cannot read.
awaitable<std::string> fetch(tcp::endpoint server, std::string path) {
  tcp::socket socket(co_await asio::this_coro::executor);
  co_await socket.async_connect(server, use_awaitable);
  const std::string request =
      "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
  co_await asio::async_write(socket, asio::buffer(request), use_awaitable);

  std::string data;
  const std::size_t head_size = co_await asio::async_read_until(socket, asio::dynamic_buffer(data),
                                                                "\r\n\r\n", use_awaitable);
  const std::string head = data.substr(0, head_size);
  if (!head.starts_with("HTTP/1.1 200"))
    throw std::runtime_error(path + ": " + head.substr(0, head.find("\r\n")));
  const auto length_at = head.find("Content-Length: ");
  if (length_at == std::string::npos) throw std::runtime_error(path + ": no Content-Length");
  const std::size_t length = std::strtoul(head.c_str() + length_at + 16, nullptr, 10);
  if (data.size() < head_size + length)
    co_await asio::async_read(socket, asio::dynamic_buffer(data),
                              asio::transfer_exactly(head_size + length - data.size()),
                              use_awaitable);
  co_return data.substr(head_size, length);
}

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

awaitable<double> one_after_another(tcp::endpoint server, std::vector<std::string> paths) {
  const auto start = Clock::now();
  int failed = 0;
  for (const auto& path : paths) {
    try {
      co_await fetch(server, path);
    } catch (const std::exception& e) {
      std::printf("  %s failed: %s\n", path.c_str(), e.what());
      ++failed;
    }
  }
  const double elapsed = seconds_since(start);
  std::printf("sequential: %zu fetches in %.2f s (%d failed)\n", paths.size(), elapsed, failed);
  co_return elapsed;
}

awaitable<double> all_at_once(tcp::endpoint server, std::vector<std::string> paths) {
  auto executor = co_await asio::this_coro::executor;
  // co_spawn with `deferred` makes an operation that starts the task when the group launches
  // it; each fetch is then its own task, running concurrently with the others.
  using Fetch = decltype(asio::co_spawn(executor, fetch(server, ""), asio::deferred));
  std::vector<Fetch> fetches;
  for (const auto& path : paths)
    fetches.push_back(asio::co_spawn(executor, fetch(server, path), asio::deferred));

  const auto start = Clock::now();
  // wait_for_all: one failed fetch must not cancel the others. Each result comes with its own
  // exception_ptr, empty when that fetch succeeded.
  auto [order, errors, bodies] =
      co_await asio::experimental::make_parallel_group(std::move(fetches))
          .async_wait(asio::experimental::wait_for_all(), use_awaitable);
  const double elapsed = seconds_since(start);
  int failed = 0;
  for (std::size_t i = 0; i < errors.size(); ++i) {
    if (!errors[i]) continue;
    ++failed;
    try {
      std::rethrow_exception(errors[i]);
    } catch (const std::exception& e) {
      std::printf("  %s failed: %s\n", paths[i].c_str(), e.what());
    }
  }
  std::printf("concurrent: %zu fetches in %.2f s (%d failed; first to finish: %s)\n", paths.size(),
              elapsed, failed, order.empty() ? "-" : paths[order.front()].c_str());
  co_return elapsed;
}

awaitable<void> scrape(Settings settings) {
  const tcp::endpoint server(asio::ip::make_address("127.0.0.1"), settings.port);
  std::vector<std::string> paths;
  for (int i = 0; i < settings.count; ++i)
    paths.push_back(settings.paths.empty()
                        ? "/page/" + std::to_string(i)
                        : settings.paths[static_cast<std::size_t>(i) % settings.paths.size()]);
  double sequential = 0, concurrent = 0;
  if (settings.mode != "concurrent") sequential = co_await one_after_another(server, paths);
  if (settings.mode != "sequential") concurrent = co_await all_at_once(server, paths);
  if (sequential > 0 && concurrent > 0)
    std::printf("concurrent fetching was %.1fx faster\n", sequential / concurrent);
}

bool parse_arguments(int argc, char** argv, Settings& settings) {
  for (int i = 1; i < argc; ++i) {
    const bool has_value = i + 1 < argc;
    if (std::strcmp(argv[i], "--port") == 0 && has_value) {
      settings.port = static_cast<unsigned short>(std::atoi(argv[++i]));
    } else if (std::strcmp(argv[i], "--count") == 0 && has_value) {
      settings.count = std::atoi(argv[++i]);
    } else if (std::strcmp(argv[i], "--path") == 0 && has_value) {
      settings.paths.emplace_back(argv[++i]);
    } else if (std::strcmp(argv[i], "--mode") == 0 && has_value) {
      settings.mode = argv[++i];
    } else {
      std::fprintf(stderr,
                   "usage: %s [--port N] [--count N] [--path /p]... "
                   "[--mode sequential|concurrent|both]\n",
                   argv[0]);
      return false;
    }
  }
  return settings.count > 0;
}

}  // namespace

int main(int argc, char** argv) {
  Settings settings;
  if (!parse_arguments(argc, argv, settings)) return 2;
  asio::io_context io;
  int status = 0;
  asio::co_spawn(io, scrape(settings), [&](std::exception_ptr error) {
    if (!error) return;
    status = 1;
    try {
      std::rethrow_exception(error);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "scraper: %s\n", e.what());
    }
  });
  io.run();
  return status;
}
