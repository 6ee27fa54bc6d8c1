// The bytes of each record's body (docs/trace-format.md, "Records"). Shared by the chunk
// encoder and the reader so that the two can never disagree.
#pragma once

#include <optional>
#include <vector>

#include "coscope/format/records.hpp"
#include "varint.hpp"

namespace coscope::format::detail {

// Delta state of one chunk: events encode time and task relative to the previous event.
struct DeltaState {
  Timestamp time = 0;
  TaskId task = 0;
};

// Strings longer than this are cut when encoded, so one record always fits a chunk.
inline constexpr std::size_t kMaxStringBytes = 1u << 20;

void encode_body(const Record& record, DeltaState& state, std::vector<unsigned char>& out);

// Decodes a body of a known kind. nullopt when the kind is unknown (a newer minor version):
// the caller skips it. Sets ok=false on malformed bytes. Fields appended by newer minor
// versions are ignored because the caller bounds the cursor to the body's length.
std::optional<Record> decode_body(std::uint64_t kind, Cursor& in, DeltaState& state,
                                  ThreadId thread, bool& known);

}  // namespace coscope::format::detail
