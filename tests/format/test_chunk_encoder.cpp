// The encoder's fast path for the hottest kinds must write exactly the bytes the shared codec
// writes, or the two would drift apart silently (the reader would still decode both).
#include <gtest/gtest.h>

#include "coscope/format/chunk_encoder.hpp"
#include "record_codec.hpp"

namespace coscope::format {
namespace {

std::vector<unsigned char> generic_bytes(const std::vector<Record>& records) {
  std::vector<unsigned char> out, body;
  detail::DeltaState state;
  for (const Record& r : records) {
    body.clear();
    detail::encode_body(r, state, body);
    detail::put_varint(out, static_cast<std::uint64_t>(kind_of(r)));
    detail::put_varint(out, body.size());
    out.insert(out.end(), body.begin(), body.end());
  }
  return out;
}

TEST(ChunkEncoder, FastPathWritesTheSharedCodecsBytes) {
  const std::vector<Record> records = {
      TaskWake{{1'000'000'000, 1}, 7},
      TaskResume{{1'000'000'500, 1}, 7},
      TaskSuspend{{1'000'003'000, 1}, 7, 300, 2, 70000},
      ResumeEnd{{999'000'000, 1}, 1ull << 40},
      TaskSpawn{{5, 1}, 8, 7, 1, 0, 0},
      TaskWake{{6, 1}, 3},
  };
  ChunkEncoder enc(1);
  for (const Record& r : records) enc.add(r);
  auto bytes = [](const ChunkEncoder& e) {
    return std::vector<unsigned char>(e.payload().begin(), e.payload().end());
  };
  EXPECT_EQ(bytes(enc), generic_bytes(records));

  // The direct entry points the tracer's writer uses write the same bytes.
  ChunkEncoder direct(1);
  direct.add_task_event(RecordKind::task_wake, 1'000'000'000, 7);
  direct.add_task_event(RecordKind::task_resume, 1'000'000'500, 7);
  direct.add_suspend(1'000'003'000, 7, 300, 2, 70000);
  direct.add_task_event(RecordKind::resume_end, 999'000'000, 1ull << 40);
  direct.add(records[4]);
  direct.add_task_event(RecordKind::task_wake, 6, 3);
  EXPECT_EQ(bytes(direct), generic_bytes(records));
  EXPECT_EQ(direct.records(), records.size());
}

TEST(ChunkEncoder, GrowsPastItsFirstBlockAndResets) {
  // Thousands of records cross several reallocations; a reset keeps nothing of them.
  std::vector<Record> records;
  for (std::uint64_t i = 0; i < 5000; ++i)
    records.push_back(TaskSpawn{{i * 1000, 1}, i + 1, i, 1, 0, static_cast<StackId>(i % 7)});
  ChunkEncoder enc(1);
  for (const Record& r : records) enc.add(r);
  EXPECT_EQ(std::vector<unsigned char>(enc.payload().begin(), enc.payload().end()),
            generic_bytes(records));
  enc.reset(2);
  EXPECT_TRUE(enc.empty());
  EXPECT_EQ(enc.thread(), 2u);
  enc.add(records[0]);
  EXPECT_EQ(std::vector<unsigned char>(enc.payload().begin(), enc.payload().end()),
            generic_bytes({records[0]}));
}

}  // namespace
}  // namespace coscope::format
