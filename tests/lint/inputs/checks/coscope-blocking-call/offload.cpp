// Asio's offload idiom, through the real <boost/asio.hpp>:
//   co_await asio::post(asio::bind_executor(pool, asio::use_awaitable));
// completes through the handler's associated executor, the thread_pool's: the coroutine goes on
// running on a pool thread, where blocking is the point. It stays there until its next
// suspension: `co_await asio::post(asio::bind_executor(ex, asio::use_awaitable))` goes back on
// purpose, and any other awaited operation resumes through the coroutine's own executor. Only
// straight-line statements of the same block, after the offload and up to the first statement
// that may suspend, return or be jumped to, are exempt.
// `co_await asio::post(pool, asio::use_awaitable)` is no offload: the handler, whose associated
// executor is the coroutine's own, is only bounced through the pool.
#include <boost/asio.hpp>
#include <fstream>
#include <string>
#include <unistd.h>

namespace asio = boost::asio;

void read_config(const std::string& path) {
  std::ifstream in(path);  // expect-note: 'read_config' blocks here: construction of 'std::basic_ifstream'
}
asio::awaitable<void> sub() {
  co_return;
}

asio::awaitable<void> offload(asio::thread_pool& pool, std::string path) {  // expect-note: inside coroutine 'offload' declared here
  auto ex = co_await asio::this_coro::executor;
  ::sleep(1);  // expect-warning: blocking call to 'sleep' inside coroutine 'offload'
  co_await asio::post(asio::bind_executor(pool, asio::use_awaitable));
  ::sleep(1);
  std::ifstream in(path);
  read_config(path);
  auto same = co_await asio::this_coro::executor;  // does not suspend
  (void)same;
  if (path.empty()) {
    ::usleep(1);
  } else {
    for (int i = 0; i < 3; ++i) ::usleep(1);
  }
  co_await asio::post(asio::bind_executor(ex, asio::use_awaitable));
  ::sleep(2);  // expect-warning: blocking call to 'sleep' inside coroutine 'offload'
  read_config(path);  // expect-warning: call to 'read_config' inside coroutine 'offload' blocks
}

// The pool's executor, as a value or a type; dispatch and defer; a token wrapped in as_tuple; a
// strand of the pool (it runs on the pool's threads).
asio::awaitable<void> executors(asio::thread_pool& pool) {
  auto ex = co_await asio::this_coro::executor;
  co_await asio::dispatch(asio::bind_executor(pool.get_executor(), asio::use_awaitable));
  ::sleep(1);
  co_await asio::post(asio::bind_executor(ex, asio::use_awaitable));
  asio::thread_pool::executor_type pool_ex = pool.get_executor();
  co_await asio::defer(asio::bind_executor(pool_ex, asio::as_tuple(asio::use_awaitable)));
  ::sleep(1);
  auto on_pool = asio::bind_executor(pool, asio::use_awaitable);
  co_await asio::post(on_pool);
  ::sleep(1);
  co_await asio::post(asio::bind_executor(asio::make_strand(pool), asio::use_awaitable));
  ::sleep(1);
}

// What ends the region, or never starts one.
asio::awaitable<void> not_offloaded(asio::thread_pool& pool, asio::io_context& io, bool stop) {  // expect-note: inside coroutine 'not_offloaded' declared here
  co_await asio::post(pool, asio::use_awaitable);
  ::sleep(1);  // expect-warning: blocking call to 'sleep'
  co_await asio::post(pool.get_executor(), asio::use_awaitable);
  ::sleep(2);  // expect-warning: blocking call to 'sleep'
  co_await asio::post(asio::bind_executor(io, asio::use_awaitable));
  ::sleep(3);  // expect-warning: blocking call to 'sleep'

  co_await asio::post(asio::bind_executor(pool, asio::use_awaitable));
  asio::steady_timer timer(io, std::chrono::milliseconds(1));
  co_await timer.async_wait(asio::use_awaitable);  // completes on the coroutine's executor
  ::sleep(4);  // expect-warning: blocking call to 'sleep'

  co_await asio::post(asio::bind_executor(pool, asio::use_awaitable));
  co_await sub();  // any co_await ends the region
  ::sleep(5);  // expect-warning: blocking call to 'sleep'

  co_await asio::post(asio::bind_executor(pool, asio::use_awaitable));
  if (stop) co_return;  // a return in a branch ends it
  ::sleep(6);  // expect-warning: blocking call to 'sleep'

  co_await asio::post(asio::bind_executor(pool, asio::use_awaitable));
  if (stop) co_await asio::post(asio::bind_executor(io, asio::use_awaitable));
  ::sleep(7);  // expect-warning: blocking call to 'sleep'

  co_await asio::post(asio::bind_executor(pool, asio::use_awaitable));
  goto next;
next:  // a label may be reached from anywhere
  ::sleep(8);  // expect-warning: blocking call to 'sleep'

  if (stop) {
    co_await asio::post(asio::bind_executor(pool, asio::use_awaitable));
    ::sleep(9);
  }
  ::sleep(10);  // expect-warning: blocking call to 'sleep'

  for (int i = 0; i < 2; ++i) {
    co_await asio::post(asio::bind_executor(pool, asio::use_awaitable));
    ::sleep(11);
    co_await asio::post(asio::bind_executor(io, asio::use_awaitable));
    ::sleep(12);  // expect-warning: blocking call to 'sleep'
  }

  co_await asio::post(asio::bind_executor(pool, asio::use_awaitable));
  // A lambda coroutine spelled on the pool runs wherever it is awaited.
  auto later = []() -> asio::awaitable<void> {  // expect-note: inside coroutine lambda declared here
    ::sleep(13);  // expect-warning: blocking call to 'sleep' inside coroutine lambda
    co_return;
  };
  ::sleep(14);
  co_await later();
}

// Templates: judged in their instantiations, where the executor's type is known.
template <class Executor>
asio::awaitable<void> generic(Executor ex) {  // expect-note: inside coroutine 'generic' declared here
  co_await asio::post(asio::bind_executor(ex, asio::use_awaitable));
  ::sleep(15);  // expect-warning: blocking call to 'sleep' inside coroutine 'generic'
}
template <class T>
asio::awaitable<void> generic_pool(asio::thread_pool& pool, T) {
  co_await asio::post(asio::bind_executor(pool, asio::use_awaitable));
  ::sleep(16);
}
asio::awaitable<void> instantiate(asio::thread_pool& pool) {
  co_await generic(pool.get_executor());
  co_await generic(co_await asio::this_coro::executor);
  co_await generic_pool(pool, 1);
}
