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
  EXPECT_EQ(enc.payload(), generic_bytes(records));
}

}  // namespace
}  // namespace coscope::format
