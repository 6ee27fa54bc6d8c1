// fork() while tracing: the child stops tracing and exits normally (it used to wait forever at
// exit to join the parent's writer thread, which a child does not have), the parent's trace
// goes on whole, and the child can start a trace of its own.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio.hpp>
#include <chrono>
#include <cstdlib>
#include <thread>

#include "asio_fixture.hpp"

namespace asio = boost::asio;
using asio::awaitable;
using asio::use_awaitable;
using coscope::testing::AsioTrace;

namespace {

awaitable<void> pause_briefly() {
  asio::steady_timer timer(co_await asio::this_coro::executor, std::chrono::milliseconds(1));
  co_await timer.async_wait(use_awaitable);
  co_await asio::post(co_await asio::this_coro::executor, use_awaitable);
}

awaitable<void> traced_before_fork() {
  co_await pause_briefly();
}
awaitable<void> traced_after_fork() {
  co_await pause_briefly();
}
awaitable<void> child_work() {
  for (int i = 0; i < 100; ++i) co_await pause_briefly();
}

void run(awaitable<void> (*body)()) {
  asio::io_context io;
  asio::co_spawn(io, body(), asio::detached);
  io.run();
}

// The child's exit status; -1 when it was still running after 20 s (then it is killed).
int wait_for_child(pid_t pid) {
  for (int i = 0; i < 2000; ++i) {
    int status = 0;
    if (::waitpid(pid, &status, WNOHANG) == pid)
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ::kill(pid, SIGKILL);
  ::waitpid(pid, nullptr, 0);
  return -1;
}

}  // namespace

TEST_F(AsioTrace, AForkedChildStopsTracingAndExitsWhileTheParentsTraceGoesOn) {
  run(traced_before_fork);
  const pid_t pid = ::fork();
  ASSERT_NE(pid, -1);
  if (pid == 0) {  // a program's child going on with work of its own, then exiting normally
    const int code = coscope::tracing() ? 3 : 0;
    run(child_work);
#ifdef __SANITIZE_ADDRESS__
    // LeakSanitizer cannot scan the stacks of the parent's threads, which the child lacks: at
    // exit it would report their objects as leaks. What exit() runs of ours is stop().
    coscope::stop();
    std::_Exit(code);
#else
    std::exit(code);
#endif
  }
  EXPECT_EQ(wait_for_child(pid), 0) << "-1: the child hung; 3: it was still tracing";
  run(traced_after_fork);
  auto trace = finish();
  EXPECT_EQ(trace.named("traced_before_fork").size(), 1u);
  EXPECT_EQ(trace.named("traced_after_fork").size(), 1u);
  EXPECT_TRUE(trace.named("child_work").empty());
}

// The sanitizers' runtimes do not support a forked child of a threaded process starting a
// thread (TSan refuses; ASan's allocator can deadlock on a lock a parent thread held).
#if !defined(__SANITIZE_THREAD__) && !defined(__SANITIZE_ADDRESS__)
TEST_F(AsioTrace, AForkedChildCanStartATraceOfItsOwn) {
  const std::string child_path = path_ + ".child";
  const pid_t pid = ::fork();
  ASSERT_NE(pid, -1);
  if (pid == 0) {
    const int code = coscope::start(child_path) ? 0 : 4;
    run(child_work);
    coscope::stop();
    std::exit(code);
  }
  ASSERT_EQ(wait_for_child(pid), 0) << "-1: the child hung; 4: it could not start tracing";
  auto child = coscope::testing::read_trace(child_path);
  for (const std::string& p : child.problems) ADD_FAILURE() << child_path << ": " << p;
  ASSERT_EQ(child.named("child_work").size(), 1u);
  EXPECT_TRUE(child.named("child_work")[0]->completed());
  ::unlink(child_path.c_str());
  run(traced_after_fork);
  EXPECT_EQ(finish().named("traced_after_fork").size(), 1u);
}
#endif
