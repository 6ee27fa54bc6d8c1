#include "sample_trace.hpp"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "coscope/format/writer.hpp"

namespace coscope::format::testing {

FileHeader sample_header() {
  FileHeader h;
  h.start_monotonic_ns = 123456789012;
  h.start_wall_ns = 1764000000000000000;
  h.pid = 4242;
  h.hostname = "testhost";
  h.program = "/usr/bin/echo-server";
  h.arguments = {"--port", "0", "ünïcode"};
  return h;
}

std::vector<SampleChunk> sample_chunks() {
  const ThreadId t1 = 101, t2 = 202;
  std::vector<SampleChunk> chunks;
  chunks.push_back(
      {t1,
       {StringDef{1, "session"}, StringDef{2, "socket.async_receive"},
        StringDef{3, "/src/server.cpp"}, StringDef{4, "std::runtime_error"},
        LocationDef{1, 3, 42, 7, 1},
        StackDef{1, {0x401000, 0x401200, 0x7f0000001000}, {0x402000, 0x402100}},
        StackDef{2, {}, {}}, ModuleDef{1, 3, std::string("\x01\x02\xff", 3), 0x400000, 0x10000},
        SymbolDef{0x401000, {{1, 3, 42}, {4, 3, 10}}}, SymbolDef{0x401200, {}}, ThreadDef{t1, 1}}});
  chunks.push_back({t1,
                    {TaskSpawn{{10, t1}, 1, 0, 1, 1, 1}, TaskSpawn{{11, t1}, 2, 1, 1, 0, 0},
                     TaskResume{{20, t1}, 1}, TaskSuspend{{25, t1}, 1, 2, 1, 1},
                     ResumeEnd{{26, t1}, 1}, TaskWake{{5000, t1}, 1},
                     TaskResume{{4000, t1}, 2},  // times may go backwards between records
                     TaskComplete{{6000, t1}, 2, CompletionStatus::lost_exception, 4, "boom"},
                     HandlerDestroyed{{6001, t1}, 1, 2}}});
  chunks.push_back(
      {t2,
       {ExceptionThrown{{7000, t2}, 2, 4, "boom", 1, ExceptionFate::lost},
        BlockingCall{{8000, t2}, 1, 1, 50'000'000, 1}, SlowResume{{9000, t2}, 1, 60'000'000, 2},
        LostTask{{9500, t2}, 1, LostReason::no_waker, 1},
        LogRecord{{9600, t2}, 1, 2, 1, "hello from a task"}, LogRecord{{9601, t2}, 0, 5, 0, ""},
        DroppedEvents{{9700, t2}, 12345}, Annotation{{9800, t2}, 1, 2, "value"},
        TaskComplete{{1ull << 40, t2}, 1, CompletionStatus::ok, 0, ""}}});
  return chunks;
}

std::string temp_path(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() /
             ("coscope-format-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  return (dir / name).string();
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string sample_file_bytes() {
  std::string path = temp_path("sample.cotrace");
  {
    auto writer = TraceWriter::create(path, sample_header());
    if (!writer) throw std::runtime_error(writer.error().message);
    for (const SampleChunk& c : sample_chunks()) {
      ChunkEncoder enc(c.thread);
      for (const Record& r : c.records) enc.add(r);
      auto s = writer->write_chunk(enc);
      if (!s) throw std::runtime_error(s.error().message);
    }
  }
  return read_file(path);
}

}  // namespace coscope::format::testing
