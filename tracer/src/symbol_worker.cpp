#include "symbol_worker.hpp"

#include <pthread.h>
#include <sched.h>

#include <system_error>

namespace coscope::tracer::detail {

SymbolWorker::~SymbolWorker() {
  stop();
}

Symbolizer& SymbolWorker::symbolizer() {
  if (!symbolizer_) symbolizer_ = std::make_unique<Symbolizer>();
  return *symbolizer_;
}

void SymbolWorker::request(std::vector<Request> addresses) {
  if (addresses.empty()) return;
  std::lock_guard lock(mutex_);
  queue_.insert(queue_.end(), addresses.begin(), addresses.end());
  if (!thread_.joinable() && !stopped_) {
    try {
      thread_ = std::thread([this] { run(); });
    } catch (const std::system_error&) {  // no thread: finish() resolves everything
      stopped_ = true;
    }
  }
  wake_.notify_one();
}

std::vector<SymbolWorker::Resolved> SymbolWorker::take_resolved() {
  std::lock_guard lock(mutex_);
  return std::exchange(done_, {});
}

void SymbolWorker::run() {
  // Background work: only when a CPU has nothing else to run, so that on a machine with
  // few cores it takes time neither from the program nor from the writer draining the rings
  // (what is left at the end is resolved by finish()).
  sched_param idle{};
  (void)::pthread_setschedparam(::pthread_self(), SCHED_IDLE, &idle);
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (stopping_) return;
    const Request r = queue_.front();
    queue_.pop_front();
    lock.unlock();
    Resolved resolved{r.first, symbolizer().resolve(r.first, r.second)};
    lock.lock();
    done_.push_back(std::move(resolved));
  }
}

void SymbolWorker::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    stopped_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
}

std::vector<SymbolWorker::Resolved> SymbolWorker::finish(bool refresh) {
  stop();
  if (refresh) symbolizer().refresh();
  std::vector<Resolved> out = std::exchange(done_, {});
  for (const Request& r : queue_) out.push_back({r.first, symbolizer().resolve(r.first, r.second)});
  queue_.clear();
  return out;
}

}  // namespace coscope::tracer::detail
