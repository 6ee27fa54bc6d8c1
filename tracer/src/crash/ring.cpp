#include "ring.hpp"

#include <signal.h>

#include <atomic>
#include <deque>
#include <vector>

#include "../checks/checks.hpp"
#include "../session.hpp"
#include "coscope/checks.hpp"

namespace coscope::crash {
namespace {

struct KeptChunk {
  format::ThreadId thread = 0;
  std::vector<unsigned char> payload;
};

struct Ring {
  std::deque<KeptChunk> chunks;  // oldest first
  std::size_t bytes = 0;
  std::uint64_t dropped_chunks = 0;
};

Ring& ring() {
  static auto* r = new Ring;  // leaked: the writer may dump during exit
  return *r;
}

std::atomic<bool> g_dump_requested{false};

void on_sigusr2(int) {
  g_dump_requested.store(true, std::memory_order_relaxed);
}

}  // namespace

// SIGUSR2 asks for a dump, when the program has not claimed the signal for itself.
void install_sigusr2() noexcept {
  static std::atomic<bool> installed{false};
  if (installed.exchange(true)) return;
  struct sigaction old {};
  if (::sigaction(SIGUSR2, nullptr, &old) != 0 || (old.sa_flags & SA_SIGINFO) != 0 ||
      old.sa_handler != SIG_DFL)
    return;
  struct sigaction action {};
  action.sa_handler = &on_sigusr2;
  action.sa_flags = SA_RESTART;
  sigemptyset(&action.sa_mask);
  ::sigaction(SIGUSR2, &action, nullptr);
}

bool ring_keep(const format::ChunkEncoder& chunk) {
  const checks::Config& config = checks::config();
  if (!config.ring || chunk.empty()) return false;
  install_sigusr2();
  Ring& r = ring();
  r.chunks.push_back(KeptChunk{chunk.thread(), {chunk.payload().begin(), chunk.payload().end()}});
  r.bytes += chunk.size();
  while (r.bytes > config.ring_bytes && r.chunks.size() > 1) {
    r.bytes -= r.chunks.front().payload.size();
    r.chunks.pop_front();
    ++r.dropped_chunks;
  }
  return true;
}

bool ring_dump_requested() noexcept {
  return g_dump_requested.load(std::memory_order_relaxed);
}

void request_ring_dump() noexcept {
  g_dump_requested.store(true, std::memory_order_relaxed);
}

void ring_dump(format::TraceWriter& writer) {
  g_dump_requested.store(false, std::memory_order_relaxed);
  Ring& r = ring();
  for (const KeptChunk& c : r.chunks)
    (void)writer.write_payload(c.thread, c.payload.data(),
                               static_cast<std::uint32_t>(c.payload.size()));
  r.chunks.clear();
  r.bytes = 0;
}

}  // namespace coscope::crash

namespace coscope {

bool dump_ring() {
  if (!checks::config().ring) return false;
  crash::request_ring_dump();
  tracer::detail::writer_signal().cv.notify_one();
  return true;
}

}  // namespace coscope
