// A real Asio program with one hazard per scenario (argv[1]), run traced by test_checks.cpp.
// Lines the tests look for in the symbolized stacks carry a "// @name" marker at their end.
#include <fcntl.h>
#include <netdb.h>
#include <pthread.h>
#include <sched.h>
#include <time.h>
#include <unistd.h>

#include <atomic>
#include <boost/asio.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <latch>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "coscope/asio/co_spawn.hpp"
#include "coscope/checks.hpp"
#include "coscope/tracer.hpp"
#ifdef COSCOPE_HAVE_SPDLOG
#include <spdlog/spdlog.h>

#include "coscope/spdlog_sink.hpp"
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#include <sanitizer/common_interface_defs.h>
#endif
#endif

namespace asio = boost::asio;
using asio::awaitable;

namespace {

awaitable<void> tick() {
  asio::steady_timer timer(co_await asio::this_coro::executor, std::chrono::milliseconds(1));
  co_await timer.async_wait(asio::use_awaitable);
}

awaitable<void> sleeping_task() {
  co_await tick();
  std::this_thread::sleep_for(std::chrono::milliseconds(20));  // @sleep_for
  ::usleep(20'000);                                            // @sleep
}

// A sanitizer runtime's symbolizer opens the executable when it first prints a stack: the
// runtime's call, not the program's. The program's own open() after it is reported.
awaitable<void> prints_a_sanitizer_stack() {
  co_await tick();
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  __sanitizer_print_stack_trace();
#endif
  ::close(::open("/proc/self/exe", O_RDONLY));  // @open
}

pthread_mutex_t g_mutex = PTHREAD_MUTEX_INITIALIZER;
std::atomic<bool> g_about_to_lock{false};

awaitable<void> locking_task() {
  co_await tick();
  g_about_to_lock = true;          // the holder keeps the mutex 30 ms more from here
  ::pthread_mutex_lock(&g_mutex);  // @lock
  ::pthread_mutex_unlock(&g_mutex);
}

awaitable<void> resolving_task() {
  co_await tick();
  addrinfo* result = nullptr;
  if (::getaddrinfo("localhost", "80", nullptr, &result) == 0) ::freeaddrinfo(result);  // @dns
}

awaitable<void> allowed_task() {
  co_await tick();
  {
    coscope::AllowBlocking allow;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ::usleep(1000);  // allowed by COSCOPE_ALLOW=usleep@allowed_task in the test
}

// Out of line, so that a sample taken in the comparison has spin_for's loop line as its
// caller: inlined into the loop, the chrono operators' debug info at -O1 sometimes names
// their header's line for spin_for instead.
[[gnu::noinline]] bool before(std::chrono::steady_clock::time_point end) {
  return std::chrono::steady_clock::now() < end;
}

[[gnu::noinline]] void spin_for(std::chrono::milliseconds length) {
  auto end = std::chrono::steady_clock::now() + length;
  while (before(end)) {  // @spin
  }
}

awaitable<void> stalling_task() {
  co_await tick();
  spin_for(std::chrono::milliseconds(50));
  co_await tick();
}

// Spins until this thread has run `length` on a CPU, however long other threads keep it waiting.
void spin_cpu_for(std::chrono::milliseconds length) {
  const auto cpu_now = [] {
    timespec ts{};
    ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return std::chrono::seconds(ts.tv_sec) + std::chrono::nanoseconds(ts.tv_nsec);
  };
  const auto end = cpu_now() + length;
  while (cpu_now() < end) {
  }
}

// With more busy threads than the one CPU they share, a short computation takes long: the
// thread waits for the CPU, which is not the task's doing. A long one is a slow resume still.
awaitable<void> preempted_task() {
  co_await tick();
  spin_cpu_for(std::chrono::milliseconds(3));
  co_await tick();
}
awaitable<void> cpu_bound_task() {
  co_await tick();
  spin_cpu_for(std::chrono::milliseconds(25));
  co_await tick();
}

void pin_to_first_cpu() {
  cpu_set_t one;
  CPU_ZERO(&one);
  CPU_SET(0, &one);
  ::sched_setaffinity(0, sizeof one, &one);
}

int run_beside_busy_threads() {
  asio::io_context io;
  // A first resume starts the tracer's watchdog, before this thread is pinned: threads
  // inherit their creator's CPUs, and the watchdog must not wait behind the busy ones.
  asio::co_spawn(io, tick(), asio::detached);
  io.run();
  io.restart();
  pin_to_first_cpu();
  std::atomic<bool> done{false};
  std::vector<std::thread> hogs;
  for (int i = 0; i < 11; ++i)
    hogs.emplace_back([&done] {
      pin_to_first_cpu();
      while (!done.load(std::memory_order_relaxed)) {
      }
    });
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  asio::co_spawn(io, preempted_task(), asio::detached);
  io.run();
  io.restart();
  asio::co_spawn(io, cpu_bound_task(), asio::detached);
  io.run();
  done = true;
  for (auto& t : hogs) t.join();
  return 0;
}

[[gnu::noinline]] void fail(const char* why) {
  throw std::runtime_error(why);  // @throw
}

awaitable<void> detached_thrower() {
  co_await tick();
  fail("lost on purpose");
}

awaitable<int> failing_child() {
  co_await tick();
  fail("for the parent");
  co_return 1;
}

awaitable<void> catching_parent() {
  try {
    co_await failing_child();
  } catch (const std::exception&) {
  }
  try {
    fail("caught here");
  } catch (const std::runtime_error&) {
  }
}

// With Asio's own co_spawn (no drop-in).
awaitable<void> quietly_lost() {
  co_await tick();
  fail("dropped by detached");
}

// Fails before its first suspension: named at the throw, its frames gone by its completion.
awaitable<void> throws_at_once() {
  fail("before any await");
  co_return;
}

// Ends the program from inside its resume, the other task still waiting.
awaitable<void> exits_the_program() {
  asio::steady_timer t(co_await asio::this_coro::executor, std::chrono::milliseconds(5));
  co_await t.async_wait(asio::use_awaitable);
  std::exit(0);
}

// The timeout idiom: `||` cancels the slower operand and drops its operation_aborted error.
awaitable<void> slow_operation() {
  asio::steady_timer t(co_await asio::this_coro::executor, std::chrono::seconds(5));
  co_await t.async_wait(asio::use_awaitable);
}
awaitable<void> with_timeout() {
  using namespace asio::experimental::awaitable_operators;
  asio::steady_timer timeout(co_await asio::this_coro::executor, std::chrono::milliseconds(5));
  co_await (slow_operation() || timeout.async_wait(asio::use_awaitable));
}
// The same with two operations as operands: the loser's error is made in its task's handler
// and first thrown by co_spawn_entry_point, while the parent resumes there inline.
awaitable<void> with_timeout_on_an_operation() {
  using namespace asio::experimental::awaitable_operators;
  auto ex = co_await asio::this_coro::executor;
  asio::steady_timer slow(ex, std::chrono::seconds(5));
  asio::steady_timer timeout(ex, std::chrono::milliseconds(5));
  co_await (slow.async_wait(asio::use_awaitable) || timeout.async_wait(asio::use_awaitable));
}

// An endpoint nobody listens on: connecting there is refused.
asio::ip::tcp::endpoint refusing_endpoint() {
  asio::io_context io;
  asio::ip::tcp::acceptor probe(io, {asio::ip::address_v4::loopback(), 0});
  return probe.local_endpoint();  // closed when probe goes
}

// Asio turns an operation's error into std::make_exception_ptr(system_error): no __cxa_throw
// until the coroutine rethrows it.
awaitable<void> refused_and_dropped() {
  asio::ip::tcp::socket s(co_await asio::this_coro::executor);
  co_await s.async_connect(refusing_endpoint(), asio::use_awaitable);
}

awaitable<void> refused_and_caught() {
  for (int i = 0; i < 3; ++i) {  // made again: most likely at the same address
    asio::ip::tcp::socket s(co_await asio::this_coro::executor);
    try {
      co_await s.async_connect(refusing_endpoint(), asio::use_awaitable);
    } catch (const boost::system::system_error&) {
    }
  }
}

struct Tagged {
  virtual ~Tagged() = default;
  int tag = 7;
};
// Caught as std::exception, a base at an offset: the catch sees another address than the throw.
struct TaggedError : Tagged, std::runtime_error {
  TaggedError() : std::runtime_error("second base") {}
};

awaitable<void> catching_everything() {
  for (int i = 0; i < 3; ++i) {  // freed and thrown again: most likely at the same address
    try {
      fail("again");
    } catch (const std::runtime_error&) {
    }
    co_await tick();
  }
  try {
    throw TaggedError();
  } catch (const std::exception&) {
  }
  // Asio's own: an error completion turned into boost::wrapexcept<system_error>, whose first
  // base is boost::exception_detail::clone_base.
  asio::ip::tcp::socket closed(co_await asio::this_coro::executor);
  char byte;
  try {
    co_await closed.async_read_some(asio::buffer(&byte, 1), asio::use_awaitable);
  } catch (const std::exception&) {
  }
}

#ifdef COSCOPE_HAVE_SPDLOG
awaitable<void> logging_task(std::shared_ptr<spdlog::logger> logger, int n) {
  co_await tick();
  logger->info("hello from task {}", n);
  co_await tick();
  logger->warn("bye from task {}", n);
}
#endif

int* volatile g_nowhere = nullptr;  // opaque: the compiler cannot turn the store into a trap

[[gnu::noinline]] void crash_now() {
#if defined(__x86_64__)
  // A store UBSan and ASan do not instrument: the program really faults under them too.
  asm volatile("movl $1, (%0)" ::"r"(g_nowhere) : "memory");  // @crash
#else
  *g_nowhere = 1;  // @crash
#endif
}

awaitable<void> crashing_task() {
  co_await tick();
  co_await tick();
  crash_now();
}

awaitable<void> endless_task(int n) {
  for (;;) {
    co_await tick();
    (void)n;
  }
}

// Its handler is kept where nobody will ever call it: a lost wakeup. (Held by a global, as
// is the io_context below, so that LeakSanitizer sees them as reachable, not leaked.)
void* volatile g_kept_handler = nullptr;  // volatile: the stores must stay
asio::io_context* volatile g_leaked_io = nullptr;

awaitable<void> waits_forever() {
  co_await tick();
  co_await asio::async_initiate<decltype(asio::use_awaitable), void()>(
      [](auto handler) { g_kept_handler = new auto(std::move(handler)); }, asio::use_awaitable);
}

awaitable<void> waits_an_hour() {
  co_await tick();
  asio::steady_timer timer(co_await asio::this_coro::executor, std::chrono::hours(1));
  co_await timer.async_wait(asio::use_awaitable);
}

// The io_context is leaked so that its pending task is still pending when the program exits.
int lose_tasks() {
  auto* io = new asio::io_context;
  g_leaked_io = io;
  // The drop-in co_spawn reports the body's end exactly; with Asio's own, a task quiet with
  // nothing pending is taken for finished, so a lost wakeup cannot be told from an end.
  coscope::co_spawn(*io, waits_forever(), asio::detached);
  asio::co_spawn(*io, waits_an_hour(), asio::detached);
  io->run_for(std::chrono::milliseconds(100));
  std::printf("lost now: %zu\n", coscope::report_lost_tasks());
  std::printf("lost again: %zu\n", coscope::report_lost_tasks());  // already recorded: 0
  return 0;
}

awaitable<void> fails_at_once(int i) {
  if (i >= 0) throw std::runtime_error("expected");
  co_return;
}

awaitable<void> throws_in_a_loop(int rounds) {
  for (int i = 0; i < rounds; ++i) {
    try {
      co_await fails_at_once(i);
    } catch (const std::runtime_error&) {
    }
  }
}

// Exceptions thrown and caught on four threads at once: every throw unwinds through libunwind
// (which the tracer links: it is then the program's _Unwind_RaiseException), whose locks are
// then contended, and the blocking-call check watches pthread_mutex_lock.
int throw_on_four_threads() {
  asio::io_context io;
  for (int i = 0; i < 16; ++i) asio::co_spawn(io, throws_in_a_loop(300), asio::detached);
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) threads.emplace_back([&] { io.run(); });
  for (auto& t : threads) t.join();
  std::puts("done");
  return 0;
}

// Blocking work offloaded to a thread pool and awaited from the event loop: blocking there is
// the point. The same sleep back on the event loop is a finding.
awaitable<void> offloaded_work() {
  std::this_thread::sleep_for(std::chrono::milliseconds(30));
  co_return;
}

awaitable<void> offloads(asio::thread_pool& pool) {
  co_await asio::co_spawn(pool, offloaded_work(), asio::use_awaitable);
  ::usleep(30'000);  // @loop_sleep
}

int offload_to_a_pool() {
  asio::thread_pool pool(1);
  asio::io_context io;
  asio::co_spawn(io, offloads(pool), asio::detached);
  io.run();
  pool.join();
  return 0;
}

// Three tasks taking turns on one thread, each sleeping at the same line five times.
awaitable<void> sleeps_in_turn() {
  auto ex = co_await asio::this_coro::executor;
  for (int i = 0; i < 5; ++i) {
    ::usleep(2'000);  // @turn_sleep
    co_await asio::post(ex, asio::use_awaitable);
  }
}

int run(const std::string& scenario) {
  asio::io_context io;
  if (scenario == "sleep") {
    asio::co_spawn(io, sleeping_task(), asio::detached);
  } else if (scenario == "lock") {
    std::latch locked(1);
    std::thread holder([&] {
      ::pthread_mutex_lock(&g_mutex);
      locked.count_down();
      while (!g_about_to_lock) std::this_thread::sleep_for(std::chrono::milliseconds(1));
      std::this_thread::sleep_for(std::chrono::milliseconds(30));
      ::pthread_mutex_unlock(&g_mutex);
    });
    locked.wait();
    asio::co_spawn(io, locking_task(), asio::detached);
    io.run();
    holder.join();
    return 0;
  } else if (scenario == "dns") {
    asio::co_spawn(io, resolving_task(), asio::detached);
  } else if (scenario == "allowed") {
    asio::co_spawn(io, allowed_task(), asio::detached);
  } else if (scenario == "stall") {
    asio::co_spawn(io, stalling_task(), asio::detached);
  } else if (scenario == "preempted") {
    return run_beside_busy_threads();
  } else if (scenario == "exceptions") {
    coscope::co_spawn(io, detached_thrower(), asio::detached);
    coscope::co_spawn(io, catching_parent(), asio::detached);
  } else if (scenario == "exit_in_task") {
    asio::co_spawn(io, slow_operation(), asio::detached);
    asio::co_spawn(io, exits_the_program(), asio::detached);
  } else if (scenario == "timeout") {
    asio::co_spawn(io, with_timeout(), asio::detached);
    asio::co_spawn(io, with_timeout_on_an_operation(), asio::detached);
  } else if (scenario == "asio_exceptions") {
    asio::co_spawn(io, quietly_lost(), asio::detached);
    asio::co_spawn(io, catching_everything(), asio::detached);
    asio::co_spawn(io, refused_and_dropped(), asio::detached);
    asio::co_spawn(io, refused_and_caught(), asio::detached);
    asio::co_spawn(io, throws_at_once(), asio::detached);
#ifdef COSCOPE_HAVE_SPDLOG
  } else if (scenario == "spdlog") {
    auto logger = std::make_shared<spdlog::logger>("app");
    logger->sinks().push_back(std::make_shared<coscope::spdlog_sink_mt>());
    logger->info("outside any task");
    for (int i = 0; i < 3; ++i) asio::co_spawn(io, logging_task(logger, i), asio::detached);
#endif
  } else if (scenario == "lost") {
    return lose_tasks();
  } else if (scenario == "interleaved_sleeps") {
    for (int i = 0; i < 3; ++i) asio::co_spawn(io, sleeps_in_turn(), asio::detached);
  } else if (scenario == "offload") {
    return offload_to_a_pool();
  } else if (scenario == "concurrent_throws") {
    return throw_on_four_threads();
  } else if (scenario == "sanitizer_stack") {
    asio::co_spawn(io, prints_a_sanitizer_stack(), asio::detached);
  } else if (scenario == "crash") {
    asio::co_spawn(io, crashing_task(), asio::detached);
  } else if (scenario == "endless") {
    for (int i = 0; i < 4; ++i) asio::co_spawn(io, endless_task(i), asio::detached);
    std::puts("running");
    std::fflush(stdout);
  } else {
    std::fprintf(stderr, "unknown scenario %s\n", scenario.c_str());
    return 2;
  }
  io.run();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s scenario\n", argv[0]);
    return 2;
  }
  return run(argv[1]);
}
