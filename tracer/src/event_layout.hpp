// The words of one hot record in a thread's ring buffer:
//   [0] ticks  [1] task  [2] meta: kind | payload words << 8 | frames << 16 | awaiters << 24
//                                   | aux << 32
//   [3 .. 3+payload) kind-specific words, then the stack's frames, then its awaiters.
// Fixed header, fixed payload per kind: the common events are 24 bytes and cost no branch
// beyond "is there room".
#pragma once

#include <cstdint>

namespace coscope::tracer::detail {

enum class HotKind : std::uint8_t {
  spawn,  // payload: parent, name address, file, function; aux: line
  wake,
  resume,
  suspend,  // payload: object_type, op_name, file, function; aux: line
  resume_end,
  complete,           // aux: CompletionStatus
  handler_destroyed,  // payload: object_type, op_name
  lost,               // aux: LostReason
  cold,               // payload: ColdEvent* (owned by the record)
};

inline constexpr int kHeaderWords = 3;
inline constexpr int kMaxPayloadWords = 4;
inline constexpr int kMaxRecordWords = kHeaderWords + kMaxPayloadWords + 64;

struct Meta {
  HotKind kind;
  std::uint8_t payload;
  std::uint8_t frames;
  std::uint8_t awaiters;
  std::uint32_t aux;
};

[[gnu::always_inline]] constexpr std::uint64_t pack_meta(HotKind kind, unsigned payload,
                                                         unsigned frames, unsigned awaiters,
                                                         std::uint32_t aux) {
  return static_cast<std::uint64_t>(kind) | (std::uint64_t{payload} << 8) |
         (std::uint64_t{frames} << 16) | (std::uint64_t{awaiters} << 24) |
         (std::uint64_t{aux} << 32);
}

constexpr Meta unpack_meta(std::uint64_t m) {
  return Meta{static_cast<HotKind>(m & 0xff), static_cast<std::uint8_t>(m >> 8),
              static_cast<std::uint8_t>(m >> 16), static_cast<std::uint8_t>(m >> 24),
              static_cast<std::uint32_t>(m >> 32)};
}

// The common record: what wake/resume/resume_end write. Its size is the hot path's promise.
struct PlainRecord {
  std::uint64_t ticks;
  std::uint64_t task;
  std::uint64_t meta;
};
static_assert(sizeof(PlainRecord) == kHeaderWords * 8, "a plain event is three words");

}  // namespace coscope::tracer::detail
