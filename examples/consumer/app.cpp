// An ordinary Asio program that never mentions coscope: linking coscope::tracer is the only
// change, and COSCOPE_TRACE in the environment turns tracing on. It is clean on purpose: the
// consumer's tests expect no lint finding and no trace finding.
#include <boost/asio.hpp>

#include <chrono>

namespace asio = boost::asio;

asio::awaitable<void> tick(int n) {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  for (int i = 0; i < n; ++i) {
    timer.expires_after(std::chrono::milliseconds(1));
    co_await timer.async_wait(asio::use_awaitable);
  }
}

int main() {
  asio::io_context io;
  for (int i = 0; i < 3; ++i) asio::co_spawn(io, tick(3), asio::detached);
  io.run();
}
