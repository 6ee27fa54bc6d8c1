// Sync-over-async: blocking a coroutine until an awaitable or an Asio use_future operation
// completes. The work completes on the executor whose thread the coroutine blocks, so on a
// one-thread executor it never completes: the message says it deadlocks the executor (there is
// no separate sync-wait check). Third-party APIs are declared as stubs; Asio is the real one.
#include <boost/asio.hpp>
#include <future>

namespace cppcoro { template <class T> void sync_wait(T&&) {} }
namespace coro { template <class T> void sync_wait(T&&) {} }
namespace folly {
template <class T> struct SemiFuture { T get() && { return {}; } };
template <class T> struct Future { T get() && { return {}; } };
namespace coro { template <class T> void blockingWait(T&&) {} }
}  // namespace folly

namespace asio = boost::asio;

asio::awaitable<void> waits(asio::steady_timer& timer, std::future<int> plain) {  // expect-note: inside coroutine 'waits' declared here
  cppcoro::sync_wait(1);  // expect-warning: blocking call to 'cppcoro::sync_wait' inside coroutine 'waits' (sync-over-async); this deadlocks the executor when the awaited work needs the thread the coroutine blocks; co_await it instead
  coro::sync_wait(2);  // expect-warning: 'coro::sync_wait' inside coroutine 'waits' (sync-over-async); this deadlocks the executor
  folly::coro::blockingWait(3);  // expect-warning: 'folly::coro::blockingWait' inside coroutine 'waits' (sync-over-async); this deadlocks the executor
  folly::SemiFuture<int>{}.get();  // expect-warning: 'folly::SemiFuture::get' inside coroutine 'waits' (sync-over-async); this deadlocks the executor
  folly::Future<int>{}.get();  // expect-warning: 'folly::Future::get' inside coroutine 'waits' (sync-over-async); this deadlocks the executor
  timer.async_wait(asio::use_future).get();  // expect-warning: 'std::future::get' inside coroutine 'waits' (sync-over-async); this deadlocks the executor
  // expect-note@-1: async alternative: co_await the operation with use_awaitable instead of use_future
  timer.async_wait(asio::use_future).wait();  // expect-warning: 'std::future::wait' inside coroutine 'waits' (sync-over-async)
  // A future from elsewhere (a thread) is an ordinary wait, not sync-over-async.
  plain.get();  // expect-warning: 'std::future::get' inside coroutine 'waits' (synchronization)
  co_await timer.async_wait(asio::use_awaitable);
}

// Outside a coroutine, blocking on the future is how a plain thread waits for the loop.
int main() {
  asio::io_context ctx;
  asio::steady_timer timer(ctx);
  auto done = timer.async_wait(asio::use_future);
  std::thread loop([&] { ctx.run(); });
  done.get();
  loop.join();
}
