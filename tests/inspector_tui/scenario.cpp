#include "scenario.hpp"

#include <unistd.h>

#include <filesystem>
#include <map>
#include <stdexcept>
#include <vector>

#include "coscope/format/chunk_encoder.hpp"
#include "coscope/format/writer.hpp"

namespace coscope::tui::testing {
namespace {

using namespace coscope::format;

constexpr ThreadId kIo0 = 100;
constexpr ThreadId kIo1 = 101;

struct Builder {
  std::vector<Record> definitions;
  std::map<ThreadId, std::vector<Record>> events;
  StringId next_string = 1;
  LocationId next_location = 1;
  StackId next_stack = 1;
  std::uint64_t next_address = 0x401000;

  StringId str(const std::string& text) {
    definitions.push_back(StringDef{next_string, text});
    return next_string++;
  }
  LocationId loc(const std::string& file, std::uint32_t line, const std::string& function) {
    const StringId f = str(file);
    const StringId fn = str(function);
    definitions.push_back(LocationDef{next_location, f, line, 0, fn});
    return next_location++;
  }
  // A stack of one frame, named by a SymbolDef, and one awaiter.
  StackId stack(const std::string& function, const std::string& file, std::uint32_t line,
                const std::string& awaiter) {
    const std::uint64_t frame = next_address++;
    const std::uint64_t await = next_address++;
    definitions.push_back(SymbolDef{frame, {SymbolFrame{str(function), str(file), line}}});
    definitions.push_back(SymbolDef{await, {SymbolFrame{str(awaiter), str(file), line + 1}}});
    definitions.push_back(StackDef{next_stack, {frame}, {await}});
    return next_stack++;
  }
  template <typename R>
  void at(ThreadId thread, Timestamp time, R record) {
    record.time = time;
    record.thread = thread;
    events[thread].push_back(record);
  }
};

Builder build() {
  Builder b;
  b.definitions.push_back(ThreadDef{kIo0, b.str("io-0")});
  b.definitions.push_back(ThreadDef{kIo1, b.str("io-1")});
  const StringId accept_loop = b.str("accept_loop");
  const StringId session = b.str("session");
  const StringId worker = b.str("worker");
  const StringId ticker = b.str("ticker");
  const StringId accept_op = b.str("acceptor.async_accept");
  const StringId receive_op = b.str("socket.async_receive");
  const StringId timer_op = b.str("timer.async_wait");
  const LocationId main_site = b.loc("/src/app/main.cpp", 10, "main");
  const LocationId accept_site = b.loc("/src/app/server.cpp", 40, "accept_loop");
  const LocationId receive_site = b.loc("/src/app/server.cpp", 60, "session");
  const LocationId timer_site = b.loc("/src/app/worker.cpp", 7, "worker");
  const StackId accept_stack = b.stack("accept_loop()", "/src/app/server.cpp", 41, "main_coro()");
  const StackId receive_stack = b.stack("session()", "/src/app/server.cpp", 61, "handle()");
  const StackId timer_stack = b.stack("worker()", "/src/app/worker.cpp", 8, "work_loop()");
  const StackId throw_stack = b.stack("parse_request()", "/src/app/server.cpp", 77, "session()");

  // #1 accept_loop on io-0.
  b.at(kIo0, 1000, TaskSpawn{{}, 1, 0, accept_loop, main_site, 0});
  b.at(kIo0, 1100, TaskResume{{}, 1});
  b.at(kIo0, 2000, TaskSpawn{{}, 2, 1, session, accept_site, accept_stack});
  b.at(kIo0, 3000, TaskSpawn{{}, 3, 1, session, accept_site, accept_stack});
  b.at(kIo0, 3500, TaskSuspend{{}, 1, accept_op, accept_site, accept_stack});
  b.at(kIo0, 3600, ResumeEnd{{}, 1});
  // #2 session on io-0: a blocking call, a log, a child, done.
  b.at(kIo0, 5000, TaskResume{{}, 2});
  b.at(kIo0, 6000, TaskSpawn{{}, 4, 2, worker, receive_site, receive_stack});
  b.at(kIo0, 10000, BlockingCall{{}, 2, b.str("std::this_thread::sleep_for"), 5000, receive_stack});
  b.at(kIo0, 15500, LogRecord{{}, 2, 2, b.str("server"), "session started"});
  b.at(kIo0, 16000, TaskSuspend{{}, 2, receive_op, receive_site, receive_stack});
  b.at(kIo0, 16100, ResumeEnd{{}, 2});
  b.at(kIo0, 30000, TaskWake{{}, 2});
  b.at(kIo0, 31000, TaskResume{{}, 2});
  b.at(kIo0, 40000, TaskComplete{{}, 2, CompletionStatus::ok, 0, ""});
  b.at(kIo0, 40100, ResumeEnd{{}, 2});
  b.at(kIo0, 50000, LostTask{{}, 1, LostReason::pending_at_exit, accept_stack});
  // #3 session on io-1: throws, exception lost.
  b.at(kIo1, 3200, TaskResume{{}, 3});
  b.at(kIo1, 19000,
       ExceptionThrown{
           {}, 3, b.str("std::runtime_error"), "bad request", throw_stack, ExceptionFate::lost});
  b.at(kIo1, 20000,
       TaskComplete{
           {}, 3, CompletionStatus::lost_exception, b.str("std::runtime_error"), "bad request"});
  b.at(kIo1, 20100, ResumeEnd{{}, 3});
  // #4 worker on io-1: a slow resume, then parked on a timer.
  b.at(kIo1, 21000, TaskResume{{}, 4});
  b.at(kIo1, 25000, SlowResume{{}, 4, 4000, timer_stack});
  b.at(kIo1, 25500, TaskSuspend{{}, 4, timer_op, timer_site, timer_stack});
  b.at(kIo1, 25600, ResumeEnd{{}, 4});
  // #5 ticker on io-1: four resumes of 1, 2, 4 and 8 us.
  b.at(kIo1, 26000, TaskSpawn{{}, 5, 0, ticker, main_site, 0});
  Timestamp t = 27000;
  for (Timestamp d : {1000, 2000, 4000, 8000}) {
    b.at(kIo1, t, TaskResume{{}, 5});
    b.at(kIo1, t + d - 100, TaskSuspend{{}, 5, timer_op, timer_site, timer_stack});
    b.at(kIo1, t + d, ResumeEnd{{}, 5});
    b.at(kIo1, t + d + 100, TaskWake{{}, 5});
    t += d + 200;
  }
  b.at(kIo1, t, TaskResume{{}, 5});
  b.at(kIo1, 45000, TaskComplete{{}, 5, CompletionStatus::ok, 0, ""});
  b.at(kIo1, 45100, ResumeEnd{{}, 5});
  b.at(kIo1, 48000, DroppedEvents{{}, 7});
  b.at(kIo1, 50000, LostTask{{}, 4, LostReason::pending_at_exit, timer_stack});
  return b;
}

}  // namespace

std::string write_scenario(const std::string& name) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("coscope-tui-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string path = (dir / name).string();
  FileHeader header;
  header.pid = 4242;
  header.program = "/usr/bin/scenario";
  header.hostname = "test";
  auto writer = TraceWriter::create(path, header);
  if (!writer) throw std::runtime_error(writer.error().message);
  const Builder b = build();
  // Definitions come before their use: one chunk of them on io-0, then each thread's events.
  ChunkEncoder definitions(kIo0);
  for (const Record& r : b.definitions) definitions.add(r);
  if (auto s = writer->write_chunk(definitions); !s) throw std::runtime_error(s.error().message);
  for (const auto& [thread, records] : b.events) {
    ChunkEncoder chunk(thread);
    for (const Record& r : records) chunk.add(r);
    if (auto s = writer->write_chunk(chunk); !s) throw std::runtime_error(s.error().message);
  }
  if (auto s = writer->close(); !s) throw std::runtime_error(s.error().message);
  return path;
}

std::unique_ptr<model::Model> load_scenario() {
  static int counter = 0;
  auto loaded =
      model::Model::load(write_scenario("scenario-" + std::to_string(++counter) + ".cotrace"));
  if (!loaded) throw std::runtime_error(loaded.error().message);
  return std::make_unique<model::Model>(std::move(*loaded));
}

}  // namespace coscope::tui::testing
