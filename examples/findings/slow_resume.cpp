// Tracer finding: slow resume. A task checksums a large buffer in one go between two awaits:
// no call in it blocks, yet the resume holds the thread for tens of milliseconds, and every
// other task waits that long. The tracer reports resumes longer than COSCOPE_SLOW_MS
// (default 10 ms), with a stack sampled while the resume was still running.
//
//   COSCOPE_TRACE=slow.cotrace ./finding_slow_resume
//   coscope-inspect check slow.cotrace --fail-on slow-resume
//
// The fix, shown in checksum_politely: yield to the event loop between chunks
// (co_await asio::post(executor, use_awaitable)), or move the work to a thread_pool.
#include <boost/asio.hpp>

#include <cstdint>
#include <cstdio>
#include <vector>

namespace asio = boost::asio;
using asio::awaitable;
using asio::use_awaitable;

namespace {

// FNV-1a over the buffer, many times: plain CPU work with no system call.
std::uint64_t checksum(const std::vector<std::uint8_t>& data, int rounds) {
  std::uint64_t hash = 1469598103934665603ull;
  for (int r = 0; r < rounds; ++r)
    for (std::uint8_t byte : data) hash = (hash ^ byte) * 1099511628211ull;
  return hash;
}

awaitable<void> checksum_greedily(std::vector<std::uint8_t> data) {
  co_await asio::post(co_await asio::this_coro::executor, use_awaitable);
  // hazard: 64 rounds in one resume, tens of milliseconds without a suspension point
  std::printf("greedy checksum %016llx\n", (unsigned long long)checksum(data, 64));
}

awaitable<void> checksum_politely(std::vector<std::uint8_t> data) {
  auto executor = co_await asio::this_coro::executor;
  std::uint64_t hash = 0;
  for (int chunk = 0; chunk < 64; ++chunk) {
    hash = (hash ^ checksum(data, 1)) * 1099511628211ull;
    co_await asio::post(executor, use_awaitable);  // let other tasks run between chunks
  }
  std::printf("polite checksum %016llx\n", (unsigned long long)hash);
}

}  // namespace

int main() {
  std::vector<std::uint8_t> data(1 << 20);
  for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<std::uint8_t>(i * 31);
  asio::io_context io;
  asio::co_spawn(io, checksum_greedily(data), asio::detached);
  asio::co_spawn(io, checksum_politely(data), asio::detached);
  io.run();
  return 0;
}
