// Resolves code addresses to source frames on a thread of its own. Reading a module's DWARF
// for its first addresses takes tens of milliseconds in a program built with -g; on the
// writer thread that stalled draining long enough for a burst of posts to fill a ring and
// lose its newest events. The writer hands addresses over and takes the answers each round.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

#include "symbolizer.hpp"

namespace coscope::tracer::detail {

class SymbolWorker {
 public:
  struct Resolved {
    std::uint64_t address = 0;
    std::vector<SourceFrame> frames;
  };
  // (address, is a return address)
  using Request = std::pair<std::uint64_t, bool>;

  SymbolWorker() = default;
  ~SymbolWorker();
  SymbolWorker(const SymbolWorker&) = delete;
  SymbolWorker& operator=(const SymbolWorker&) = delete;

  // Queues addresses for the thread, which starts at the first request (from the writer
  // thread: it inherits the writer's blocked signals).
  void request(std::vector<Request> addresses);
  // What the thread has resolved since the last call.
  std::vector<Resolved> take_resolved();
  // Stops the thread and resolves everything still queued on the caller's thread, after
  // re-reading the process's modules when `refresh` (libraries loaded since the start).
  std::vector<Resolved> finish(bool refresh);

 private:
  void run();
  void stop();
  Symbolizer& symbolizer();

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Request> queue_;
  std::vector<Resolved> done_;
  bool stopping_ = false;
  bool stopped_ = false;  // finished: requests are resolved by finish() from then on
  std::thread thread_;
  std::unique_ptr<Symbolizer> symbolizer_;  // the thread's, then finish()'s after the join
};

}  // namespace coscope::tracer::detail
