// Tracer finding: lost task. A tiny RPC client keeps the completion handler of each request
// in a table until the matching reply arrives. The reply to request 3 is lost on the way, so
// its handler stays in the table and its task stays suspended for ever: nothing will resume
// it. Such a program hangs (co_spawn keeps io_context::run() busy while the task lives) or, with
// a shutdown deadline as here, stops with work silently undone.
//
// The tasks are spawned with coscope::co_spawn (same arguments as asio::co_spawn), which tells
// the tracer when a task's body really ends; coscope::report_lost_tasks() then names every task
// that is suspended with nothing left that could wake it, with the async stack where it waits.
// A long-running server would call it from a periodic watchdog; here the shutdown watchdog does.
//
//   COSCOPE_TRACE=lost.cotrace ./finding_lost_task
//   coscope-inspect check lost.cotrace --fail-on lost-task
//
// The fix: give every request a deadline (a timer raced against the reply) so a lost reply
// becomes an error instead of a task that never ends.
#include <coscope/asio/co_spawn.hpp>
#include <coscope/checks.hpp>

#include <boost/asio.hpp>

#include <chrono>
#include <cstdio>
#include <map>
#include <string>

namespace asio = boost::asio;
using asio::awaitable;
using asio::use_awaitable;

namespace {

class RpcClient {
 public:
  explicit RpcClient(asio::io_context& io) : io_(io) {}

  // Sends request `id` and suspends until reply(id) hands over the answer.
  awaitable<std::string> call(int id) {
    co_return co_await asio::async_initiate<decltype(use_awaitable), void(std::string)>(
        [this, id](auto handler) {
          waiting_.emplace(id, std::move(handler));
          send(id);
        },
        use_awaitable);
  }

 private:
  // The "network": replies arrive a little later, except the one for request 3.
  void send(int id) {
    if (id == 3) return;  // the reply is lost
    asio::post(io_, [this, id] { reply(id, "answer " + std::to_string(id)); });
  }

  void reply(int id, std::string answer) {
    auto waiting = waiting_.extract(id);
    if (!waiting.empty()) std::move(waiting.mapped())(std::move(answer));
  }

  asio::io_context& io_;
  std::map<int, asio::any_completion_handler<void(std::string)>> waiting_;
};

awaitable<void> ask(RpcClient* client, int id) {
  std::string answer = co_await client->call(id);
  std::printf("request %d: %s\n", id, answer.c_str());
}

}  // namespace

int main() {
  asio::io_context io;
  RpcClient client(io);
  for (int id = 1; id <= 5; ++id) coscope::co_spawn(io, ask(&client, id), asio::detached);
  // The shutdown watchdog: every request should be answered well within 200 ms.
  asio::steady_timer deadline(io, std::chrono::milliseconds(200));
  deadline.async_wait([&](boost::system::error_code) {
    // Lost wakeups are found only while tracing (COSCOPE_TRACE); otherwise this returns 0.
    const std::size_t lost = coscope::report_lost_tasks();
    std::printf("deadline: stopping; the tracer found %zu task(s) that nothing can resume\n", lost);
    io.stop();
  });
  io.run();
  return 0;
}
