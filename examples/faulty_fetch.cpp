// Twin of asyncio's "gather with a failing task": where does an exception go?
//
//   1. Awaited directly, a task's exception reaches the awaiting coroutine: co_await on
//      co_spawn(..., use_awaitable) rethrows it, and an ordinary try/catch handles it.
//   2. Gathered with a parallel group and wait_for_one_error, the first failure cancels the
//      siblings still running (their timers end with operation_aborted) and every task's
//      exception_ptr comes back to the caller, in input order.
//   3. Spawned with `detached`, the exception has nowhere to go: Asio drops it and nothing is
//      printed. This is the hazard. Here it is spawned with coscope::co_spawn (same arguments
//      as asio::co_spawn), so the trace records it as a lost exception with its stack; give
//      such tasks a completion handler that logs or rethrows instead.
#include <coscope/asio/co_spawn.hpp>

#include <boost/asio.hpp>
#include <boost/asio/experimental/parallel_group.hpp>

#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

namespace asio = boost::asio;
using asio::awaitable;
using asio::use_awaitable;
using namespace std::chrono_literals;

namespace {

awaitable<int> fetch(int id, std::chrono::milliseconds latency) {
  asio::steady_timer network(co_await asio::this_coro::executor, latency);
  co_await network.async_wait(use_awaitable);
  if (id == 3) throw std::runtime_error("fetch 3: connection reset by peer");
  co_return id * 10;
}

std::string describe(const std::exception_ptr& error) {
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& e) {
    return e.what();
  }
}

awaitable<void> awaited_directly() {
  auto executor = co_await asio::this_coro::executor;
  try {
    co_await asio::co_spawn(executor, fetch(3, 10ms), use_awaitable);
  } catch (const std::exception& e) {
    std::printf("1. awaited directly: caught \"%s\"\n", e.what());
  }
}

awaitable<void> gathered() {
  auto executor = co_await asio::this_coro::executor;
  using Fetch = decltype(asio::co_spawn(executor, fetch(0, 0ms), asio::deferred));
  std::vector<Fetch> fetches;
  for (int id = 1; id <= 5; ++id)
    fetches.push_back(asio::co_spawn(executor, fetch(id, id * 20ms), asio::deferred));
  auto [order, errors, values] =
      co_await asio::experimental::make_parallel_group(std::move(fetches))
          .async_wait(asio::experimental::wait_for_one_error(), use_awaitable);
  std::printf("2. gathered (wait_for_one_error):\n");
  for (std::size_t i = 0; i < errors.size(); ++i) {
    if (errors[i])
      std::printf("   fetch %zu: failed: %s\n", i + 1, describe(errors[i]).c_str());
    else
      std::printf("   fetch %zu: %d\n", i + 1, values[i]);
  }
}

awaitable<void> fire_and_forget() {
  auto executor = co_await asio::this_coro::executor;
  // Hazard: the task's exception is dropped by `detached`; nothing reaches this coroutine.
  coscope::co_spawn(executor, fetch(3, 5ms), asio::detached);
  asio::steady_timer later(executor, 50ms);
  co_await later.async_wait(use_awaitable);
  std::printf("3. detached: nothing was reported, yet fetch 3 failed (see the trace)\n");
}

awaitable<void> main_task() {
  co_await awaited_directly();
  co_await gathered();
  co_await fire_and_forget();
}

}  // namespace

int main() {
  asio::io_context io;
  asio::co_spawn(io, main_task(), asio::detached);
  io.run();
  return 0;
}
