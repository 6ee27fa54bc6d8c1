// A damaged, truncated or foreign file never crashes the reader: it yields every intact
// chunk and names the damage.
#include <gtest/gtest.h>

#include <cstring>

#include "coscope/format/reader.hpp"
#include "coscope/format/writer.hpp"
#include "sample_trace.hpp"

namespace coscope::format {
namespace {

struct ReadBack {
  bool opened = false;
  std::string error;
  std::vector<Record> records;
  std::vector<Damage> damage;
};

ReadBack read_all(const std::string& bytes) {
  ReadBack out;
  auto r =
      TraceReader::open_memory(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  if (!r) {
    out.error = r.error().message;
    return out;
  }
  out.opened = true;
  while (auto rec = r->next()) out.records.push_back(std::move(*rec));
  out.damage = r->damage();
  return out;
}

// Offsets where each chunk ends, found by reading the sample chunk by chunk.
std::vector<std::size_t> chunk_ends(const std::string& bytes) {
  std::size_t header = encode_header(testing::sample_header()).size();
  std::vector<std::size_t> ends;
  std::size_t at = header;
  while (at + kChunkHeaderSize <= bytes.size()) {
    std::uint32_t len;
    std::memcpy(&len, bytes.data() + at + 4, 4);
    at += kChunkHeaderSize + len;
    ends.push_back(at);
  }
  return ends;
}

std::vector<Record> records_of_first_chunks(std::size_t n) {
  std::vector<Record> out;
  auto chunks = testing::sample_chunks();
  for (std::size_t i = 0; i < n && i < chunks.size(); ++i)
    out.insert(out.end(), chunks[i].records.begin(), chunks[i].records.end());
  return out;
}

TEST(Recovery, TruncationAtEveryOffsetKeepsEveryCompleteChunk) {
  const std::string full = testing::sample_file_bytes();
  const std::size_t header = encode_header(testing::sample_header()).size();
  const auto ends = chunk_ends(full);
  ASSERT_EQ(ends.size(), 3u);
  ASSERT_EQ(ends.back(), full.size());
  for (std::size_t cut = 0; cut < full.size(); ++cut) {
    SCOPED_TRACE("cut at " + std::to_string(cut));
    ReadBack rb = read_all(full.substr(0, cut));
    if (cut < header) {
      EXPECT_FALSE(rb.opened);
      EXPECT_FALSE(rb.error.empty());
      continue;
    }
    ASSERT_TRUE(rb.opened) << rb.error;
    std::size_t complete = 0;
    while (complete < ends.size() && ends[complete] <= cut) ++complete;
    EXPECT_EQ(rb.records, records_of_first_chunks(complete));
    bool at_boundary = cut == header || (complete > 0 && ends[complete - 1] == cut);
    if (at_boundary) {
      EXPECT_TRUE(rb.damage.empty());
    } else {
      ASSERT_EQ(rb.damage.size(), 1u);
      EXPECT_EQ(rb.damage[0].offset, complete ? ends[complete - 1] : header);
      EXPECT_EQ(rb.damage[0].offset + rb.damage[0].length, cut);
      EXPECT_NE(rb.damage[0].reason.find("truncated"), std::string::npos);
    }
  }
}

TEST(Recovery, SingleBitFlipsLoseOnlyTheDamagedChunk) {
  const std::string full = testing::sample_file_bytes();
  const std::size_t header = encode_header(testing::sample_header()).size();
  const auto ends = chunk_ends(full);
  const auto chunks = testing::sample_chunks();
  for (std::size_t byte = 0; byte < full.size(); ++byte) {
    for (int bit = 0; bit < 8; ++bit) {
      std::string bad = full;
      bad[byte] = static_cast<char>(bad[byte] ^ (1 << bit));
      ReadBack rb = read_all(bad);
      if (byte < header) {
        // The header is checksummed too: any flip there is refused with a reason.
        EXPECT_FALSE(rb.opened) << "flip at " << byte << ":" << bit;
        continue;
      }
      ASSERT_TRUE(rb.opened);
      std::size_t hit = 0;
      while (ends[hit] <= byte) ++hit;
      std::vector<Record> expected;
      for (std::size_t c = 0; c < chunks.size(); ++c)
        if (c != hit)
          expected.insert(expected.end(), chunks[c].records.begin(), chunks[c].records.end());
      // CRC32C catches every single-bit error, so exactly the hit chunk is lost, unless the
      // flip turns its length into one that still frames valid chunks (impossible: crc).
      EXPECT_EQ(rb.records, expected) << "flip at " << byte << ":" << bit;
      ASSERT_FALSE(rb.damage.empty());
      EXPECT_EQ(rb.damage[0].offset, hit ? ends[hit - 1] : header);
    }
  }
}

TEST(Recovery, EmptyFileIsNotATrace) {
  ReadBack rb = read_all("");
  EXPECT_FALSE(rb.opened);
  EXPECT_NE(rb.error.find("empty"), std::string::npos);
}

TEST(Recovery, WrongMagicIsNamed) {
  ReadBack rb = read_all("{\"traceEvents\": []}  this is JSON, not a trace");
  EXPECT_FALSE(rb.opened);
  EXPECT_NE(rb.error.find("magic"), std::string::npos);
}

TEST(Recovery, NewerMajorVersionIsRefusedWithAdvice) {
  FileHeader h = testing::sample_header();
  h.version_major = kVersionMajor + 1;
  ReadBack rb = read_all(encode_header(h));
  EXPECT_FALSE(rb.opened);
  EXPECT_NE(rb.error.find("not supported"), std::string::npos);
}

// A record of a kind this reader does not know, and a known record with a field appended by
// a newer minor version, as a newer writer would produce them.
TEST(Recovery, NewerMinorVersionRecordsAndFieldsAreSkippedByLength) {
  FileHeader h = testing::sample_header();
  h.version_minor = kVersionMinor + 3;
  std::string bytes = encode_header(h);
  std::vector<unsigned char> payload = {
      0x7f,
      3,
      'a',
      'b',
      'c',  // unknown kind 0x7f with a 3-byte body
      static_cast<unsigned char>(RecordKind::task_wake),
      3,
      10,
      2,
      0x55,  // + 1 extra byte
  };
  unsigned char frame[kChunkHeaderSize];
  frame_chunk(9, payload.data(), static_cast<std::uint32_t>(payload.size()), frame);
  bytes.append(reinterpret_cast<char*>(frame), sizeof frame);
  bytes.append(payload.begin(), payload.end());
  ReadBack rb = read_all(bytes);
  ASSERT_TRUE(rb.opened) << rb.error;
  ASSERT_EQ(rb.records.size(), 1u);
  EXPECT_EQ(std::get<TaskWake>(rb.records[0]), (TaskWake{{5, 9}, 1}));
  EXPECT_TRUE(rb.damage.empty());
}

TEST(Recovery, GarbageBetweenChunksIsSkippedAndReported) {
  const std::string full = testing::sample_file_bytes();
  const auto ends = chunk_ends(full);
  std::string bad = full.substr(0, ends[0]) + std::string(1000, '\xAB') + "CSCK" +
                    std::string(50, '\0') + full.substr(ends[0]);
  ReadBack rb = read_all(bad);
  ASSERT_TRUE(rb.opened);
  EXPECT_EQ(rb.records, records_of_first_chunks(3));
  ASSERT_EQ(rb.damage.size(), 1u);
  EXPECT_EQ(rb.damage[0].offset, ends[0]);
  EXPECT_EQ(rb.damage[0].length, 1054u);
  EXPECT_NE(rb.damage[0].describe().find("offset"), std::string::npos);
}

}  // namespace
}  // namespace coscope::format
