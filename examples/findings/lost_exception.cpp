// Tracer finding: lost exception. A task started with the `detached` completion token throws;
// `detached` discards whatever the task ends with, so the error vanishes: no message, no exit
// code, and the work it was doing silently never happens.
//
//   COSCOPE_TRACE=lost-exception.cotrace ./finding_lost_exception
//   coscope-inspect check lost-exception.cotrace --fail-on lost-exception
//
// The task is spawned with coscope::co_spawn, asio::co_spawn's drop-in (same arguments), which
// tells the tracer that the token dropped the exception; the finding carries the exception's
// type and message and the stack where it left the task. The fix: a
// completion handler that logs (or rethrows) the exception, as the third spawn in main does.
#include <coscope/asio/co_spawn.hpp>

#include <boost/asio.hpp>

#include <cstdio>
#include <stdexcept>

namespace asio = boost::asio;
using asio::awaitable;

namespace {

awaitable<void> save_settings(int version) {
  co_await asio::post(co_await asio::this_coro::executor, asio::use_awaitable);
  if (version > 2) throw std::runtime_error("settings v" + std::to_string(version) + ": disk full");
  std::printf("settings v%d saved\n", version);
}

}  // namespace

int main() {
  asio::io_context io;
  coscope::co_spawn(io, save_settings(2), asio::detached);
  coscope::co_spawn(io, save_settings(3), asio::detached);  // hazard: its failure is lost
  // The fix: a handler that receives the exception.
  coscope::co_spawn(io, save_settings(4), [](std::exception_ptr error) {
    if (!error) return;
    try {
      std::rethrow_exception(error);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "save_settings failed: %s\n", e.what());
    }
  });
  io.run();
  std::printf("main: done (one failure was reported, one was not)\n");
  return 0;
}
