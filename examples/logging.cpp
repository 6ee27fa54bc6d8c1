// spdlog inside coroutine tasks. Lines from interleaved tasks are hard to untangle in a plain
// log; with coscope's sink added to the logger, each line is also recorded in the trace with
// the task that wrote it, so the inspector shows every task's own log next to its async stack.
//
//   COSCOPE_TRACE=logging.cotrace ./logging
//   coscope-inspect tasks logging.cotrace        # the task table
//   coscope-inspect task logging.cotrace 2       # one task, with its log lines
//
// The sink is one line (below); without COSCOPE_TRACE it does nothing.
#include <coscope/spdlog_sink.hpp>

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <boost/asio.hpp>

#include <chrono>
#include <memory>
#include <string>

namespace asio = boost::asio;
using asio::awaitable;
using asio::use_awaitable;
using namespace std::chrono_literals;

namespace {

awaitable<void> worker(std::shared_ptr<spdlog::logger> log, int id) {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  for (int step = 1; step <= 3; ++step) {
    log->info("worker {}: step {} of 3", id, step);
    timer.expires_after(std::chrono::milliseconds(5 * id + step));
    co_await timer.async_wait(use_awaitable);
  }
  if (id == 2) log->warn("worker {}: retrying a flaky call", id);
  log->info("worker {}: done", id);
}

}  // namespace

int main() {
  auto log = spdlog::stdout_color_mt("app");
  log->sinks().push_back(std::make_shared<coscope::spdlog_sink_mt>());  // the one line
  asio::io_context io;
  for (int id = 1; id <= 3; ++id) asio::co_spawn(io, worker(log, id), asio::detached);
  log->info("main: {} workers started", 3);
  io.run();
  log->info("main: all workers finished");
  return 0;
}
