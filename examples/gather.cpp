// Twin of asyncio.gather: several fetches run concurrently and are awaited together. Each
// "fetch" waits on a timer for its latency (a stand-in for a network call), so the whole
// gather takes as long as the slowest fetch, not the sum of all of them.
//
// The fetches are started as tasks with co_spawn(..., deferred) and awaited as a ranged
// parallel group: one co_await for any number of tasks, with the results in input order.
// (Awaitable operators, `co_await (a() && b())`, do the same for a fixed, small number.)
#include <boost/asio.hpp>
#include <boost/asio/experimental/parallel_group.hpp>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

namespace asio = boost::asio;
using asio::awaitable;
using asio::use_awaitable;
using namespace std::chrono_literals;

namespace {

struct Source {
  std::string name;
  std::chrono::milliseconds latency;
};

awaitable<std::string> fetch(Source source) {
  asio::steady_timer network(co_await asio::this_coro::executor, source.latency);
  co_await network.async_wait(use_awaitable);
  co_return source.name + " (" + std::to_string(source.latency.count()) + " ms)";
}

awaitable<void> gather(std::vector<Source> sources) {
  auto executor = co_await asio::this_coro::executor;
  using Fetch = decltype(asio::co_spawn(executor, fetch({}), asio::deferred));
  std::vector<Fetch> fetches;
  std::chrono::milliseconds one_after_another{0};
  for (const auto& source : sources) {
    fetches.push_back(asio::co_spawn(executor, fetch(source), asio::deferred));
    one_after_another += source.latency;
  }

  const auto start = std::chrono::steady_clock::now();
  auto [order, errors, results] =
      co_await asio::experimental::make_parallel_group(std::move(fetches))
          .async_wait(asio::experimental::wait_for_all(), use_awaitable);
  const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - start);

  for (std::size_t i = 0; i < results.size(); ++i)
    std::printf("  %zu. %s%s\n", i + 1, results[i].c_str(), errors[i] ? " FAILED" : "");
  std::printf("first to finish: %s\n", sources[order.front()].name.c_str());
  std::printf(
      "gathered %zu fetches in %lld ms; one after another they take %lld ms (%lld ms saved)\n",
      results.size(), static_cast<long long>(took.count()),
      static_cast<long long>(one_after_another.count()),
      static_cast<long long>((one_after_another - took).count()));
}

}  // namespace

int main() {
  asio::io_context io;
  asio::co_spawn(io,
                 gather({{"users", 120ms},
                         {"orders", 200ms},
                         {"prices", 80ms},
                         {"stock", 150ms},
                         {"reviews", 250ms}}),
                 asio::detached);
  io.run();
  return 0;
}
