// Trace size on a realistic event mix: a server with many connection tasks, each looping
// wake → resume → suspend → resume_end, with spawns, completions, logs and a few findings.
// Prints bytes per event on disk (definitions and chunk framing included) and the encode and
// decode rates; the last line is one JSON object for scripts.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>

#include "coscope/format/reader.hpp"
#include "coscope/format/writer.hpp"

using namespace coscope::format;

int main(int argc, char** argv) {
  const std::size_t events_target = argc > 1 ? std::stoul(argv[1]) : 2'000'000;
  const std::string path =
      (std::filesystem::temp_directory_path() / "coscope-bench-size.cotrace").string();
  FileHeader header;
  header.program = "bench";
  auto writer = TraceWriter::create(path, header);
  if (!writer) {
    std::fprintf(stderr, "%s\n", writer.error().message.c_str());
    return 1;
  }
  std::mt19937_64 rng(42);
  const int threads = 4;
  std::vector<ChunkEncoder> chunks;
  for (int t = 0; t < threads; ++t) chunks.emplace_back(1000 + t);
  ChunkEncoder defs(0);
  // Definitions a tracer would intern: operation names, locations, stacks.
  const char* ops[] = {"socket.async_receive", "socket.async_send", "deadline_timer.async_wait",
                       "io_context.execute", "channel.async_receive"};
  for (StringId i = 0; i < 5; ++i) defs.add(StringDef{i + 1, ops[i]});
  defs.add(StringDef{6, "session"});
  for (StackId s = 1; s <= 64; ++s) {
    StackDef st{s, {}, {}};
    for (int f = 0; f < 12; ++f) st.frames.push_back(0x55550000'0000 + rng() % 0x100000);
    for (int f = 0; f < 3; ++f) st.awaiters.push_back(0x55550000'0000 + rng() % 0x100000);
    defs.add(st);
  }
  (void)writer->write_chunk(defs);

  std::size_t events = 0;
  std::vector<Timestamp> now(threads, 1'000'000);
  TaskId next_task = 1;
  std::vector<TaskId> live;
  auto emit = [&](ChunkEncoder& c, const Record& r) {
    c.add(r);
    ++events;
  };
  auto flush_if_full = [&](ChunkEncoder& c) {
    if (c.size() >= 64 * 1024) (void)writer->write_chunk(c);
  };
  while (events < events_target) {
    int t = static_cast<int>(rng() % threads);
    ChunkEncoder& c = chunks[t];
    Timestamp& clock = now[t];
    if (live.size() < 500 && rng() % 20 == 0) {
      TaskId task = next_task++;
      emit(c, TaskSpawn{{clock += 2000, 0}, task, 1, 6, 0, static_cast<StackId>(1 + rng() % 64)});
      live.push_back(task);
    } else if (!live.empty()) {
      std::size_t idx = rng() % live.size();
      TaskId task = live[idx];
      emit(c, TaskWake{{clock += 500 + rng() % 20000, 0}, task});
      emit(c, TaskResume{{clock += 200 + rng() % 5000, 0}, task});
      if (rng() % 100 == 0) emit(c, LogRecord{{clock += 100, 0}, task, 2, 0, "request handled"});
      if (rng() % 400 == 0) {
        emit(c, TaskComplete{{clock += 3000, 0}, task, CompletionStatus::ok, 0, {}});
        live.erase(live.begin() + static_cast<std::ptrdiff_t>(idx));
      } else {
        // Default COSCOPE_STACKS: stacks on spawn only, so suspends carry no stack.
        emit(c, TaskSuspend{{clock += 1000 + rng() % 30000, 0},
                            task,
                            static_cast<StringId>(1 + rng() % 5),
                            0,
                            0});
        emit(c, ResumeEnd{{clock += 100, 0}, task});
      }
    }
    flush_if_full(c);
  }
  for (auto& c : chunks) (void)writer->write_chunk(c);
  const double bytes = static_cast<double>(writer->bytes_written());
  (void)writer->close();

  auto t0 = std::chrono::steady_clock::now();
  auto reader = TraceReader::open(path);
  std::size_t read = 0;
  while (reader && reader->next()) ++read;
  double read_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::filesystem::remove(path);

  const double per_event = bytes / static_cast<double>(events);
  std::printf("events: %zu\nfile bytes: %.0f\nbytes per event: %.2f (target <= 16)\n", events,
              bytes, per_event);
  std::printf("read: %zu records in %.3f s (%.1f M records/s)\n", read, read_s,
              static_cast<double>(read) / read_s / 1e6);
  std::printf("{\"events\": %zu, \"bytes_per_event\": %.3f, \"read_records_per_s\": %.0f}\n",
              events, per_event, static_cast<double>(read) / read_s);
  return 0;
}
