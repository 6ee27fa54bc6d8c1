#include "coscope/inspect/testing/synthetic_trace.hpp"

#include <optional>
#include <random>

#include "coscope/format/chunk_encoder.hpp"
#include "coscope/format/writer.hpp"

namespace coscope::inspect::testing {
namespace {

using namespace coscope::format;

// String ids of the fixed vocabulary below.
enum : StringId {
  kNames = 1,  // 4 task names
  kOps = 5,    // 4 operations
  kFile = 9,
  kFunctions = 10,  // 4 functions
  kLogger = 14,
  kBlocking = 15,
  kErrorType = 16,
  kModulePath = 17,
  kThreadNames = 18,  // one per thread
};
constexpr const char* kNameText[] = {"session", "fetch", "worker", "accept_loop"};
constexpr const char* kOpText[] = {"socket.async_receive", "deadline_timer.async_wait",
                                   "io_context.execute", "socket.async_send"};
constexpr const char* kFunctionText[] = {"session(tcp::socket)", "fetch(std::string)",
                                         "worker(int)", "accept_loop()"};
constexpr std::uint32_t kLocations = 8;
constexpr std::uint32_t kStacks = 16;
constexpr std::uint64_t kModuleBase = 0x400000;

class Simulation {
 public:
  Simulation(const SyntheticOptions& o, const std::function<void(Chunk&)>& sink)
      : o_(o),
        sink_(sink),
        rng_(o.seed),
        pending_(o.threads),
        target_(o.threads),
        running_(o.threads, -1) {
    for (auto& t : target_) t = chunk_size();
  }

  void run() {
    definitions();
    while (events_ < o_.events) step();
    finish();
    for (std::uint32_t th = 0; th < o_.threads; ++th) flush(th);
  }

 private:
  struct SimTask {
    TaskId id;
    enum { scheduled, running, suspended } phase;
    bool woken;
  };

  std::uint32_t chunk_size() { return 1 + static_cast<std::uint32_t>(rng_() % o_.chunk_events); }
  bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng_) < p; }
  std::uint32_t pick(std::uint64_t n) { return static_cast<std::uint32_t>(rng_() % n); }
  ThreadId tid(std::uint32_t th) const { return 1000 + th; }
  void tick() {
    if (!chance(o_.same_time)) now_ += 50 + rng_() % 2000;
  }

  void definitions() {
    Chunk c{tid(0), {}};
    auto str = [&](StringId id, std::string text) { c.records.push_back(StringDef{id, text}); };
    for (int i = 0; i < 4; ++i) {
      str(kNames + i, kNameText[i]);
      str(kOps + i, kOpText[i]);
      str(kFunctions + i, kFunctionText[i]);
    }
    str(kFile, "/src/app/server.cpp");
    str(kLogger, "app");
    str(kBlocking, "std::this_thread::sleep_for");
    str(kErrorType, "std::runtime_error");
    str(kModulePath, "/usr/bin/synthetic-server");
    for (std::uint32_t th = 0; th < o_.threads; ++th) {
      str(kThreadNames + th, "io-" + std::to_string(th));
      c.records.push_back(ThreadDef{tid(th), kThreadNames + th});
    }
    for (std::uint32_t l = 1; l <= kLocations; ++l)
      c.records.push_back(LocationDef{l, kFile, 10 * l, 5, kFunctions + l % 4});
    c.records.push_back(ModuleDef{1, kModulePath, "", kModuleBase, 0x100000});
    for (std::uint32_t s = 1; s <= kStacks; ++s) {
      StackDef d{s, {}, {}};
      for (std::uint64_t f = 0; f < 3; ++f) d.frames.push_back(address(s, f));
      for (std::uint64_t a = 0; a < 2; ++a) d.awaiters.push_back(address(s, 10 + a));
      if (o_.symbols)
        for (std::uint64_t a : d.frames)
          c.records.push_back(SymbolDef{
              a,
              {{kFunctions + s % 4, kFile, static_cast<std::uint32_t>(s * 10 + (a & 0xff) / 8)}}});
      if (o_.symbols)
        for (std::uint64_t a : d.awaiters)
          c.records.push_back(
              SymbolDef{a, {{kFunctions + s % 4, kFile, static_cast<std::uint32_t>(s * 10)}}});
      c.records.push_back(std::move(d));
    }
    sink_(c);
  }
  static std::uint64_t address(std::uint64_t stack, std::uint64_t slot) {
    return kModuleBase + 0x1000 + stack * 0x100 + slot * 8;
  }

  void emit(std::uint32_t th, Record r) {
    std::visit(
        [&](auto& e) {
          if constexpr (std::is_base_of_v<EventBase, std::decay_t<decltype(e)>>) {
            e.time = now_;
            e.thread = tid(th);
          }
        },
        r);
    pending_[th].push_back(std::move(r));
    ++events_;
    if (pending_[th].size() >= target_[th]) flush(th);
  }
  void flush(std::uint32_t th) {
    if (pending_[th].empty()) return;
    Chunk c{tid(th), std::move(pending_[th])};
    pending_[th].clear();
    target_[th] = chunk_size();
    sink_(c);
  }

  StackId stack() { return 1 + pick(kStacks); }
  LocationId location() { return 1 + pick(kLocations); }

  void spawn(std::uint32_t th, TaskId parent) {
    const TaskId id = next_id_++;
    emit(th, TaskSpawn{{}, id, parent, kNames + pick(4), location(), stack()});
    tasks_.push_back(SimTask{id, SimTask::scheduled, false});
  }

  void step() {
    tick();
    const std::uint32_t th = pick(o_.threads);
    if (running_[th] >= 0) return run_step(th, static_cast<std::size_t>(running_[th]));
    std::vector<std::size_t> scheduled, suspended;
    for (std::size_t i = 0; i < tasks_.size(); ++i) {
      if (tasks_[i].phase == SimTask::scheduled) scheduled.push_back(i);
      if (tasks_[i].phase == SimTask::suspended) suspended.push_back(i);
    }
    if ((tasks_.empty() || chance(0.05)) && tasks_.size() < o_.max_live_tasks) {
      spawn(th, 0);
    } else if (!scheduled.empty() && (suspended.empty() || chance(0.6))) {
      const std::size_t i = scheduled[pick(scheduled.size())];
      tasks_[i].phase = SimTask::running;
      running_[th] = static_cast<int>(i);
      emit(th, TaskResume{{}, tasks_[i].id});
    } else if (!suspended.empty()) {
      const std::size_t i = suspended[pick(suspended.size())];
      tasks_[i].phase = SimTask::scheduled;
      emit(th, TaskWake{{}, tasks_[i].id});
    } else if (o_.findings && chance(0.01)) {
      emit(th, DroppedEvents{{}, 1 + rng_() % 100});
    }
  }

  // The task running on `th` does something.
  void run_step(std::uint32_t th, std::size_t i) {
    const TaskId id = tasks_[i].id;
    const double r = std::uniform_real_distribution<double>(0, 1)(rng_);
    if (r < 0.70) {
      emit(th, TaskSuspend{{}, id, kOps + pick(4), location(), stack()});
      tick();
      if (chance(0.1)) {  // the operation completes before the resume returns
        emit((th + 1) % o_.threads, TaskWake{{}, id});
        tick();
        tasks_[i].woken = true;
      }
      emit(th, ResumeEnd{{}, id});
      tasks_[i].phase = tasks_[i].woken ? SimTask::scheduled : SimTask::suspended;
      tasks_[i].woken = false;
      running_[th] = -1;
    } else if (r < 0.80) {
      if (tasks_.size() < o_.max_live_tasks) spawn(th, id);
    } else if (r < 0.88) {
      complete(th, i);
    } else if (!o_.findings) {
      return;
    } else if (r < 0.93) {
      emit(th, LogRecord{{},
                         id,
                         static_cast<std::uint8_t>(pick(6)),
                         kLogger,
                         "request " + std::to_string(pick(1000)) + " handled"});
    } else if (r < 0.96) {
      emit(th, BlockingCall{{}, id, kBlocking, 1'000'000 + rng_() % 50'000'000, stack()});
    } else if (r < 0.98) {
      emit(th, SlowResume{{}, id, 20'000'000 + rng_() % 80'000'000, stack()});
    } else {
      emit(th,
           ExceptionThrown{{}, id, kErrorType, "handled error", stack(), ExceptionFate::handled});
    }
  }

  void complete(std::uint32_t th, std::size_t i) {
    const TaskId id = tasks_[i].id;
    CompletionStatus status = CompletionStatus::ok;
    if (o_.findings && chance(0.15)) {
      status = chance(0.5)   ? CompletionStatus::lost_exception
               : chance(0.5) ? CompletionStatus::exception
                             : CompletionStatus::cancelled;
      if (status != CompletionStatus::cancelled)
        emit(th, ExceptionThrown{{},
                                 id,
                                 kErrorType,
                                 "connection reset",
                                 stack(),
                                 status == CompletionStatus::lost_exception
                                     ? ExceptionFate::lost
                                     : ExceptionFate::propagated});
    }
    const bool error =
        status == CompletionStatus::exception || status == CompletionStatus::lost_exception;
    emit(th, TaskComplete{{},
                          id,
                          status,
                          error ? StringId{kErrorType} : StringId{0},
                          error ? "connection reset" : ""});
    running_[th] = -1;
    tasks_[i] = tasks_.back();
    tasks_.pop_back();
    for (int& r : running_)
      if (r == static_cast<int>(tasks_.size())) r = static_cast<int>(i);
  }

  // The program ends: some suspended tasks are reported lost, the rest stay uncompleted.
  void finish() {
    tick();
    if (!o_.findings) return;
    for (const SimTask& t : tasks_)
      if (t.phase == SimTask::suspended && chance(0.5))
        emit(pick(o_.threads), LostTask{{}, t.id, LostReason::pending_at_exit, stack()});
  }

  const SyntheticOptions& o_;
  const std::function<void(Chunk&)>& sink_;
  std::mt19937_64 rng_;
  std::vector<std::vector<Record>> pending_;
  std::vector<std::uint32_t> target_;
  std::vector<int> running_;    // per thread: index into tasks_ of the running task, or -1
  std::vector<SimTask> tasks_;  // live tasks
  Timestamp now_ = 1000;
  TaskId next_id_ = 1;
  std::uint64_t events_ = 0;
};

}  // namespace

FileHeader synthetic_header() {
  FileHeader h;
  h.start_monotonic_ns = 5'000'000'000;
  h.start_wall_ns = 1'764'000'000'000'000'000;
  h.pid = 4242;
  h.hostname = "testhost";
  h.program = "/usr/bin/synthetic-server";
  h.arguments = {"--port", "8080"};
  return h;
}

void generate(const SyntheticOptions& options, const std::function<void(Chunk&)>& sink) {
  Simulation(options, sink).run();
}

Status write_chunks(const std::string& path, const FileHeader& header,
                    const std::vector<Chunk>& chunks) {
  auto writer = TraceWriter::create(path, header);
  if (!writer) return writer.error();
  ChunkEncoder enc;
  for (const Chunk& c : chunks) {
    enc.reset(c.thread);
    for (const Record& r : c.records) enc.add(r);
    if (Status s = writer->write_chunk(enc); !s) return s;
  }
  return writer->close();
}

Result<std::uint64_t> write_synthetic(const std::string& path, const SyntheticOptions& options) {
  auto writer = TraceWriter::create(path, synthetic_header());
  if (!writer) return writer.error();
  ChunkEncoder enc;
  std::uint64_t events = 0;
  std::optional<Error> failure;
  generate(options, [&](Chunk& c) {
    if (failure) return;
    enc.reset(c.thread);
    for (const Record& r : c.records) {
      enc.add(r);
      events += is_event(r);
    }
    if (Status s = writer->write_chunk(enc); !s) failure = s.error();
  });
  if (failure) return *failure;
  if (Status s = writer->close(); !s) return s.error();
  return events;
}

}  // namespace coscope::inspect::testing
