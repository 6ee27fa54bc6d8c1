// Through the real <boost/asio.hpp>: a std::mutex guarding shared state while an Asio
// operation is awaited; copying out under the lock, then awaiting, is the fix.
#include <boost/asio.hpp>
#include <mutex>
#include <string>

namespace asio = boost::asio;
using asio::ip::tcp;

struct Shared {
  std::mutex mutex;
  std::string last;
};

asio::awaitable<void> held(tcp::socket& sock, Shared& shared) {
  char data[64];
  std::lock_guard lock(shared.mutex);  // expect-note: lock 'lock' acquired here
  std::size_t n = co_await sock.async_read_some(asio::buffer(data), asio::use_awaitable);  // expect-warning: coroutine 'held' suspends at 'co_await' while lock 'lock' is held
  shared.last.assign(data, n);
}

asio::awaitable<void> fixed(tcp::socket& sock, Shared& shared) {
  std::string copy;
  {
    std::lock_guard lock(shared.mutex);
    copy = shared.last;
  }
  co_await asio::async_write(sock, asio::buffer(copy), asio::use_awaitable);
}

// Asking the coroutine for its executor or cancellation state does not suspend (their
// awaiters' await_ready() returns true): the lock is held across no suspension.
asio::awaitable<void> queries(Shared& shared) {
  std::lock_guard lock(shared.mutex);
  auto executor = co_await asio::this_coro::executor;
  auto state = co_await asio::this_coro::cancellation_state;
  shared.last = state.cancelled() == asio::cancellation_type::none ? "running" : "cancelled";
  (void)executor;
}

asio::awaitable<void> query_then_wait(Shared& shared) {
  std::lock_guard lock(shared.mutex);  // expect-note: lock 'lock' acquired here
  asio::steady_timer timer(co_await asio::this_coro::executor);
  co_await timer.async_wait(asio::use_awaitable);  // expect-warning: coroutine 'query_then_wait' suspends at 'co_await' while lock 'lock' is held
}
