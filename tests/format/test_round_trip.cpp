// Every record kind written by TraceWriter comes back equal through TraceReader.
#include <gtest/gtest.h>

#include "coscope/format/reader.hpp"
#include "coscope/format/writer.hpp"
#include "sample_trace.hpp"

namespace coscope::format {
namespace {

using testing::sample_chunks;
using testing::sample_file_bytes;
using testing::sample_header;

TEST(RoundTrip, EveryRecordKindComesBackEqual) {
  std::string bytes = sample_file_bytes();
  auto reader =
      TraceReader::open_memory(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  ASSERT_TRUE(reader) << reader.error().message;
  EXPECT_EQ(reader->header(), sample_header());

  std::vector<RecordKind> seen;
  for (const auto& chunk : sample_chunks()) {
    for (const Record& expected : chunk.records) {
      std::optional<Record> got = reader->next();
      ASSERT_TRUE(got.has_value());
      EXPECT_EQ(*got, expected) << kind_name(kind_of(expected));
      seen.push_back(kind_of(*got));
    }
  }
  EXPECT_FALSE(reader->next().has_value());
  EXPECT_TRUE(reader->damage().empty());
  EXPECT_EQ(reader->stats().chunks, 3u);
  // The sample must cover every alternative of Record, so a new kind cannot go untested.
  std::sort(seen.begin(), seen.end());
  seen.erase(std::unique(seen.begin(), seen.end()), seen.end());
  EXPECT_EQ(seen.size(), std::variant_size_v<Record>);
}

TEST(RoundTrip, OpensFromFileAsFromMemory) {
  std::string path = testing::temp_path("rt.cotrace");
  {
    auto w = TraceWriter::create(path, sample_header());
    ASSERT_TRUE(w);
    ChunkEncoder enc(7);
    enc.add(TaskResume{{5, 7}, 9});
    ASSERT_TRUE(w->write_chunk(enc));
    EXPECT_TRUE(enc.empty());
  }
  auto r = TraceReader::open(path);
  ASSERT_TRUE(r) << r.error().message;
  auto rec = r->next();
  ASSERT_TRUE(rec);
  EXPECT_EQ(std::get<TaskResume>(*rec), (TaskResume{{5, 7}, 9}));
  EXPECT_EQ(r->file_size(), r->offset());
}

TEST(RoundTrip, HugeStringsAreCutSoARecordAlwaysFitsAChunk) {
  ChunkEncoder enc(1);
  enc.add(LogRecord{{1, 1}, 0, 2, 0, std::string(5u << 20, 'x')});
  EXPECT_LT(enc.size(), kMaxChunkPayload);
}

TEST(RoundTrip, EventsAreCompact) {
  // Typical resume/suspend traffic: a few bytes per event thanks to deltas and varints.
  ChunkEncoder enc(1);
  Timestamp t = 1'000'000'000;
  const int n = 1000;
  for (int i = 0; i < n; ++i) {
    TaskId task = 100 + i % 50;
    enc.add(TaskWake{{t += 900, 1}, task});
    enc.add(TaskResume{{t += 1200, 1}, task});
    enc.add(TaskSuspend{{t += 3000, 1}, task, 3, 4, 0});
    enc.add(ResumeEnd{{t += 150, 1}, task});
  }
  EXPECT_LE(enc.size() / (4.0 * n), 8.0);
}

}  // namespace
}  // namespace coscope::format
