// Writes a one-event trace and reads it back; with --check, reads a given trace and fails
// unless it holds at least one task spawn.
#include <coscope/format/reader.hpp>
#include <coscope/format/writer.hpp>

#include <cstdio>
#include <string>
#include <variant>

using namespace coscope::format;

int main(int argc, char** argv) {
  if (argc == 3 && std::string(argv[1]) == "--check") {
    auto reader = TraceReader::open(argv[2]);
    if (!reader) return std::fprintf(stderr, "%s\n", reader.error().message.c_str()), 1;
    int spawns = 0;
    while (auto r = reader->next()) spawns += std::holds_alternative<TaskSpawn>(*r);
    std::printf("%d task spawns\n", spawns);
    return spawns > 0 ? 0 : 1;
  }
  if (argc != 2) return 2;
  {
    auto writer = TraceWriter::create(argv[1], FileHeader{});
    if (!writer) return 1;
    ChunkEncoder chunk(1);
    chunk.add(TaskSpawn{{1, 1}, 1, 0, 0, 0, 0});
    if (!writer->write_chunk(chunk)) return 1;
  }
  auto reader = TraceReader::open(argv[1]);
  return reader && reader->next() ? 0 : 1;
}
