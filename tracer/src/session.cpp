// Start/stop of a recording session and its writer thread. The session object is leaked on
// purpose and the final flush runs from an atexit handler registered at start, so neither
// depends on the order in which static objects are destroyed.
#include <pthread.h>
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <thread>

#include "clock.hpp"
#include "coscope/format/writer.hpp"
#include "crash/ring.hpp"
#include "definitions.hpp"
#include "drainer.hpp"
#include "fork.hpp"
#include "modules.hpp"
#include "names.hpp"
#include "quiet_lock.hpp"
#include "session.hpp"
#include "symbol_worker.hpp"

namespace coscope::tracer {
namespace detail {
namespace {

std::atomic<StackMode> g_stack_mode{StackMode::spawn};

std::vector<StopHook>& stop_hooks() {
  static auto* hooks = new std::vector<StopHook>;  // leaked: runs at exit
  return *hooks;
}

void warn_once(const std::string& message) {
  static std::atomic<bool> warned{false};
  if (!warned.exchange(true))
    std::fprintf(stderr, "coscope: %s; running untraced\n", message.c_str());
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

format::FileHeader make_header(const Clock& clock) {
  format::FileHeader h;
  h.start_monotonic_ns = clock.start_monotonic_ns();
  auto wall = std::chrono::system_clock::now().time_since_epoch();
  h.start_wall_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(wall).count() -
                    static_cast<std::int64_t>(monotonic_ns() - clock.start_monotonic_ns());
  h.pid = static_cast<std::uint32_t>(::getpid());
  char host[256] = {};
  ::gethostname(host, sizeof host - 1);
  h.hostname = host;
  std::string cmdline = read_text("/proc/self/cmdline");
  std::size_t begin = 0;
  for (std::size_t i = 0; i < cmdline.size(); ++i) {
    if (cmdline[i] != '\0') continue;
    std::string arg = cmdline.substr(begin, i - begin);
    if (begin == 0)
      h.program = arg;
    else
      h.arguments.push_back(arg);
    begin = i + 1;
  }
  return h;
}

class Session {
 public:
  Session(format::TraceWriter writer, const Clock& clock)
      : writer_(std::move(writer)),
        clock_(clock),
        drainer_(definitions_, clock_, g_next_task.load(std::memory_order_relaxed)) {}

  // Loads the executable's symbol table before recording starts, so that naming the first
  // tasks does not hold the writer back while the rings fill up.
  void warm_up_symbols() {
    (void)drainer_.function_name(reinterpret_cast<std::uint64_t>(&warm_up_anchor));
  }
  static void warm_up_anchor() {}
  void start_writer() {
    // A signal sent to the process (SIGTERM, Ctrl-C's SIGINT) goes to a thread that does not
    // block it: never the writer, whose final write the handler waits for
    // (crash/flight_recorder.cpp). The new thread inherits the mask.
    sigset_t block, previous;
    sigemptyset(&block);
    for (int signal : {SIGTERM, SIGINT, SIGHUP, SIGQUIT}) sigaddset(&block, signal);
    const bool masked = ::pthread_sigmask(SIG_BLOCK, &block, &previous) == 0;
    try {
      thread_ = std::thread([this] { run(); });
    } catch (...) {
      if (masked) ::pthread_sigmask(SIG_SETMASK, &previous, nullptr);
      throw;
    }
    if (masked) ::pthread_sigmask(SIG_SETMASK, &previous, nullptr);
  }
  void stop_writer() {
    stopping_.store(true);
    writer_signal().cv.notify_one();
    if (thread_.joinable()) thread_.join();
  }
  Definitions& definitions() { return definitions_; }
  std::uint64_t rounds() const { return rounds_.load(); }
  // In a forked child (see abandon_session_in_child()): the trace file is the parent's.
  void close_in_child() noexcept { ::close(writer_.fd()); }
  // The crash handler's request (crash/flight_recorder.cpp): atomics only, signal-safe.
  void request_final_write() noexcept { stopping_.store(true); }
  bool final_write_done() const noexcept { return closed_.load(); }
  bool on_writer_thread() const noexcept {
    return writer_tid_ != 0 && static_cast<std::uint32_t>(::gettid()) == writer_tid_;
  }

 private:
  void run();
  struct Drained {
    bool busy = false;  // some ring held more than 1/16 of its capacity: it records fast
    bool any = false;   // something was drained
    bool left = false;  // some ring still holds records (a drain waits, see Drainer::drain)
  };
  Drained round(Wait wait);
  void write_modules();
  void write_symbols(bool all, bool refresh = false);
  void write(format::ChunkEncoder& chunk);

  format::TraceWriter writer_;
  Clock clock_;
  Definitions definitions_;
  Drainer drainer_;
  std::thread thread_;
  std::atomic<bool> stopping_{false};
  std::atomic<std::uint64_t> rounds_{0};
  std::atomic<bool> closed_{false};
  bool write_failed_ = false;
  std::uint32_t writer_tid_ = 0;
  std::uint32_t modules_written_ = 0;
  std::unordered_map<std::uint32_t, bool> threads_defined_;
  SymbolWorker symbols_;
  std::vector<format::ChunkEncoder> chunks_;
};

std::mutex g_session_mutex;
Session* g_session = nullptr;

void Session::write(format::ChunkEncoder& chunk) {
  if (chunk.empty()) return;
  if (write_failed_) {
    chunk.reset(chunk.thread());
    return;
  }
  // Ring mode keeps event chunks in memory (crash/ring.hpp); definitions go to the file.
  if (chunk.thread() != writer_tid_ && crash::ring_keep(chunk)) {
    chunk.reset(chunk.thread());
    return;
  }
  format::Status s = writer_.write_chunk(chunk);
  if (!s) {
    write_failed_ = true;
    g_active.store(false);
    warn_once(s.error().message);
  }
}

void Session::write_modules() {
  for (const Module& m : loaded_modules()) {
    format::ModuleDef def;
    def.path = definitions_.intern(m.path);
    def.build_id = m.build_id;
    def.base = m.base;
    def.size = m.size;
    def.id = ++modules_written_;
    definitions_.add(def);
  }
}

// Symbols are resolved on the symbol worker's thread while recording, so that draining keeps
// up; all of them at the end, on this thread.
void Session::write_symbols(bool all, bool refresh) {
  symbols_.request(definitions_.take_new_addresses());
  for (const SymbolWorker::Resolved& r :
       all ? symbols_.finish(refresh) : symbols_.take_resolved()) {
    format::SymbolDef def;
    def.address = r.address;
    for (const SourceFrame& frame : r.frames) {
      format::SymbolFrame f;
      f.function = frame.function.empty() ? 0 : definitions_.intern(frame.function);
      f.file = frame.file.empty() ? 0 : definitions_.intern(frame.file);
      f.line = frame.line;
      def.frames.push_back(f);
    }
    definitions_.add(std::move(def));
  }
}

Session::Drained Session::round(Wait wait) {
  Drained result;
  std::vector<ThreadBuffer*> buffers;
  {
    std::lock_guard lock(registry().mutex);
    buffers = registry().buffers;
  }
  // Events wait in the rings until the clock can convert them (clock.hpp): a few
  // milliseconds after the start, unless the trace ends or a ring fills up sooner.
  if (!clock_.calibrated()) {
    const bool filling = std::any_of(buffers.begin(), buffers.end(), [](const ThreadBuffer* b) {
      return b->head() - b->tail() > b->capacity() / 4;
    });
    if (!clock_.calibrate(wait != Wait::normal || filling)) return result;
  }
  if (chunks_.size() < buffers.size()) chunks_.resize(buffers.size());
  std::vector<ThreadBuffer*> finished;
  for (std::size_t i = 0; i < buffers.size(); ++i) {
    ThreadBuffer* b = buffers[i];
    bool retired = b->retired.load(std::memory_order_acquire);
    format::ChunkEncoder& chunk = chunks_[i];
    chunk.reset(b->thread());
    std::uint64_t drained = drainer_.drain(*b, chunk, wait);
    result.busy |= drained > b->capacity() / 16;
    result.any |= drained != 0;
    result.left |= b->tail() != b->head();
    if (std::uint64_t dropped = b->take_dropped(); dropped != 0) {
      format::DroppedEvents e;
      e.time = clock_.to_trace_ns(read_ticks());
      e.count = dropped;
      chunk.add(e);
    }
    if (!chunk.empty() && threads_defined_.try_emplace(b->thread(), true).second) {
      definitions_.add(format::ThreadDef{b->thread(), definitions_.intern(b->name())});
    }
    if (retired && b->tail() == b->head()) finished.push_back(b);
  }
  write_symbols(wait != Wait::normal);
  format::ChunkEncoder defs(writer_tid_);
  for (const format::Record& r : definitions_.take_pending()) defs.add(r);
  write(defs);
  for (std::size_t i = 0; i < buffers.size(); ++i) write(chunks_[i]);
  if (!finished.empty()) {
    std::lock_guard lock(registry().mutex);
    auto& all = registry().buffers;
    for (ThreadBuffer* b : finished) {
      std::erase(all, b);
      delete b;
    }
  }
  return result;
}

void Session::run() {
  writer_tid_ = static_cast<std::uint32_t>(::syscall(SYS_gettid));
  write_modules();
  WriterSignal& signal = writer_signal();
  // While the program records fast the writer drains every millisecond, in small steps that
  // keep the rings nearly empty; otherwise every 10 ms (or when a ring fills up).
  bool busy = false;
  while (!stopping_.load()) {
    {
      std::unique_lock lock(signal.mutex);
      signal.cv.wait_for(lock, std::chrono::milliseconds(busy ? 1 : 10));
    }
    busy = round(Wait::normal).busy;
    rounds_.fetch_add(1);
    if (crash::ring_dump_requested()) crash::ring_dump(writer_);
  }
  // Final rounds until the rings are empty: a drain that waits for a spawn drained later in
  // the same round continues in the next one. When rounds stop progressing (a spawn was
  // dropped), what is left is written as it is.
  for (int i = 0; i < 1000; ++i) {
    Drained d = round(Wait::final);
    if (!d.left) break;
    if (!d.any) {
      round(Wait::never);
      break;
    }
  }
  write_symbols(true, /*refresh=*/true);  // with the modules loaded since the start
  format::ChunkEncoder defs(writer_tid_);
  for (const format::Record& r : definitions_.take_pending()) defs.add(r);
  write(defs);
  crash::ring_dump(writer_);
  (void)writer_.close();
  closed_.store(true);
}

void at_exit() {
  coscope::stop();
}

// Start from the environment when the program starts. This lives in the translation unit
// that defines g_active, which every hook references, so static linking keeps it.
[[gnu::constructor]] void start_from_environment() {
  TraceOptions options = options_from_environment();
  if (!options.path.empty()) coscope::start(options);
}

}  // namespace

WriterSignal& writer_signal() {
  static auto* signal = new WriterSignal;  // leaked: producers may signal during exit
  return *signal;
}

void add_stop_hook(StopHook hook) {
  std::lock_guard lock(g_session_mutex);
  stop_hooks().push_back(hook);
}

void lock_session_for_fork() noexcept {
  g_session_mutex.lock();
  registry().mutex.lock();
}

void unlock_session_after_fork() noexcept {
  registry().mutex.unlock();
  g_session_mutex.unlock();
}

void abandon_session_in_child() noexcept {
  g_active.store(false);
  // Destroying it would join (or terminate on) a writer thread that does not exist here.
  // Kept reachable, so that a leak checker in the child does not count it.
  static Session* abandoned = nullptr;
  if (Session* s = std::exchange(g_session, nullptr)) (abandoned = s)->close_in_child();
  pending_names().clear();
  std::lock_guard lock(registry().mutex);
  auto& buffers = registry().buffers;
  for (ThreadBuffer* b : buffers) {
    Drainer::discard(*b);         // the parent writes these
    if (b != t_buffer) delete b;  // its thread is not in this process
  }
  std::erase_if(buffers, [](const ThreadBuffer* b) { return b != t_buffer; });
}

bool request_final_write() noexcept {
  Session* session = g_session;  // no lock: called from a signal handler
  if (session == nullptr || session->on_writer_thread()) return false;
  session->request_final_write();
  return true;
}

bool final_write_done() noexcept {
  Session* session = g_session;
  return session == nullptr || session->final_write_done();
}

format::StringId intern_in_session(std::string_view text) {
  QuietLock lock(g_session_mutex);
  return g_session == nullptr ? 0 : g_session->definitions().intern(text);
}

}  // namespace detail

StackMode stack_mode() noexcept {
  return detail::g_stack_mode.load(std::memory_order_relaxed);
}

format::StringId intern(std::string_view text) {
  try {
    return detail::intern_in_session(text);
  } catch (...) {
    return 0;
  }
}

}  // namespace coscope::tracer

namespace coscope {

using namespace tracer::detail;

bool start(const TraceOptions& options) {
  std::lock_guard lock(g_session_mutex);
  if (g_session != nullptr) {
    std::fprintf(stderr, "coscope: already tracing; start(%s) ignored\n", options.path.c_str());
    return false;
  }
  try {
    tracer::detail::Clock clock;
    clock.start();
    auto writer = format::TraceWriter::create(options.path, make_header(clock));
    if (!writer) {
      warn_once(writer.error().message);
      return false;
    }
    g_stack_mode.store(options.stacks);
    {
      std::lock_guard registry_lock(registry().mutex);
      registry().words_per_buffer = std::size_t{options.buffer_kb} * 1024 / 8;
      for (ThreadBuffer* b : registry().buffers) Drainer::discard(*b);
    }
    pending_names().clear();
    watch_forks();
    g_session = new Session(std::move(writer.value()), clock);
    g_session->warm_up_symbols();
    g_session->start_writer();
    static std::atomic<bool> registered{false};
    if (!registered.exchange(true)) std::atexit(at_exit);
    g_active.store(true);
    return true;
  } catch (const std::exception& e) {
    warn_once(e.what());
    return false;
  }
}

bool start(const std::string& path) {
  TraceOptions options = options_from_environment();
  options.path = path;
  return start(options);
}

void stop() {
  Session* session = nullptr;
  std::vector<StopHook> hooks;
  {
    std::lock_guard lock(g_session_mutex);
    if (g_session == nullptr) return;
    hooks = stop_hooks();
  }
  for (StopHook hook : hooks) hook();
  {
    std::lock_guard lock(g_session_mutex);
    session = std::exchange(g_session, nullptr);
    g_active.store(false);
  }
  if (session == nullptr) return;
  session->stop_writer();
  delete session;
}

bool tracing() {
  return tracer::active();
}

void flush() {
  std::uint64_t target = 0;
  {
    std::lock_guard lock(g_session_mutex);
    if (g_session == nullptr) return;
    target = g_session->rounds() + 2;
  }
  for (;;) {
    writer_signal().cv.notify_one();
    {
      std::lock_guard lock(g_session_mutex);
      if (g_session == nullptr || g_session->rounds() >= target) return;
    }
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
}

}  // namespace coscope
