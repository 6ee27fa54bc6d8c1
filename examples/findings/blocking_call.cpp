// Tracer finding: blocking call. A retry loop backs off with std::this_thread::sleep_for
// inside a coroutine. The sleep holds the event loop's thread, so the heartbeat task, which
// should tick every 10 ms, misses its ticks for as long as the retry sleeps.
//
//   COSCOPE_TRACE=blocking.cotrace ./finding_blocking_call
//   coscope-inspect check blocking.cotrace --fail-on blocking-call   # exit 1, with the stack
//
// The fix: `co_await timer.async_wait(...)` after `timer.expires_after(backoff)`, which
// suspends this task only. coscope-lint finds the same line before the program ever runs.
#include <boost/asio.hpp>

#include <chrono>
#include <cstdio>
#include <thread>

namespace asio = boost::asio;
using asio::awaitable;
using asio::use_awaitable;
using namespace std::chrono_literals;

namespace {

bool try_connect(int attempt) {
  return attempt == 3;
}  // the third attempt succeeds

awaitable<void> connect_with_retry() {
  for (int attempt = 1; !try_connect(attempt); ++attempt) {
    std::printf("attempt %d failed, backing off\n", attempt);
    std::this_thread::sleep_for(30ms);  // hazard: blocks every task of this io_context
  }
  std::printf("connected\n");
  co_return;
}

awaitable<void> heartbeat() {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  auto last = std::chrono::steady_clock::now();
  for (int tick = 0; tick < 10; ++tick) {
    timer.expires_after(10ms);
    co_await timer.async_wait(use_awaitable);
    const auto now = std::chrono::steady_clock::now();
    const auto gap = std::chrono::duration_cast<std::chrono::milliseconds>(now - last);
    if (gap > 20ms) std::printf("heartbeat: %lld ms since the last tick\n", (long long)gap.count());
    last = now;
  }
}

}  // namespace

int main() {
  asio::io_context io;
  asio::co_spawn(io, heartbeat(), asio::detached);
  asio::co_spawn(io, connect_with_retry(), asio::detached);
  io.run();
  return 0;
}
