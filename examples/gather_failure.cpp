// Twin of asyncio's "gather with one failing task": five fetches run concurrently with
// awaitable operators; one fails. Deliberate hazards:
//   - the failure cancels its siblings mid-flight (|| semantics of wait_for_one_error), so the
//     trace shows cancelled timers next to the failing task;
//   - a fire-and-forget "audit" task fails later, detached: its exception is lost.
#include <boost/asio.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <cstdio>

namespace asio = boost::asio;
using asio::awaitable;
using asio::use_awaitable;
using namespace asio::experimental::awaitable_operators;

namespace {

awaitable<int> fetch(int id, int ms) {
  asio::steady_timer t(co_await asio::this_coro::executor, std::chrono::milliseconds(ms));
  co_await t.async_wait(use_awaitable);
  if (id == 3) throw std::runtime_error("fetch 3: connection reset");
  co_return id * 10;
}

awaitable<void> audit() {
  asio::steady_timer t(co_await asio::this_coro::executor, std::chrono::milliseconds(30));
  co_await t.async_wait(use_awaitable);
  throw std::logic_error("audit: ledger mismatch");  // hazard: detached, nobody sees it
}

awaitable<void> gather() {
  try {
    auto [a, b, c, d, e] =
        co_await (fetch(1, 10) && fetch(2, 20) && fetch(3, 15) && fetch(4, 40) && fetch(5, 50));
    std::printf("sum %d\n", a + b + c + d + e);
  } catch (const std::exception& e) {
    std::printf("gather failed: %s\n", e.what());
  }
}

}  // namespace

int main() {
  asio::io_context io;
  asio::co_spawn(io, gather(), asio::detached);
  asio::co_spawn(io, audit(), asio::detached);
  io.run();
  return 0;
}
