// The words of one hot record in a thread's ring buffer:
//   [0] ticks
//   [1] task (low 40 bits) | kind << 40 | payload words << 44 | frames << 47 | awaiters << 53
//       | aux << 59 (aux: CompletionStatus, LostReason)
//   [2 .. 2+payload) kind-specific words, then the stack's frames, then its awaiters.
// The common events are two words (16 bytes), and a suspend at a call site that names no
// source position (the global use_awaitable) four plus its awaiters: the ring's traffic is
// what the writer must keep up with.
#pragma once

#include <cstdint>

#include "coscope/tracer/recorder.hpp"

namespace coscope::tracer::detail {

enum class HotKind : std::uint8_t {
  spawn,  // payload: parent, name address, file, function, line
  wake,
  resume,   // aux: 1 when woken at the same instant (a wake before it)
  suspend,  // payload: object_type, op_name[, file, function, line] (the last three when known)
            // aux: SuspendAlso (a resume end, then a wake, after it at the same instant)
  resume_end,
  complete,           // aux: CompletionStatus
  handler_destroyed,  // payload: object_type, op_name
  lost,               // aux: LostReason
  cold,               // payload: ColdEvent* (owned by the record)
};

inline constexpr int kHeaderWords = 2;
inline constexpr int kMaxPayloadWords = 5;
inline constexpr int kMaxRecordWords = kHeaderWords + kMaxPayloadWords + 64;
inline constexpr unsigned kTaskBits = 40;
inline constexpr std::uint64_t kTaskMask = (std::uint64_t{1} << kTaskBits) - 1;

struct Meta {
  HotKind kind;
  std::uint8_t payload;
  std::uint8_t frames;
  std::uint8_t awaiters;
  std::uint8_t aux;
};

[[gnu::always_inline]] constexpr std::uint64_t pack_meta(std::uint64_t task, HotKind kind,
                                                         unsigned payload, unsigned frames,
                                                         unsigned awaiters, unsigned aux) {
  return (task & kTaskMask) | (static_cast<std::uint64_t>(kind) << 40) |
         (std::uint64_t{payload} << 44) | (std::uint64_t{frames} << 47) |
         (std::uint64_t{awaiters} << 53) | (std::uint64_t{aux} << 59);
}

constexpr std::uint64_t task_of(std::uint64_t m) {
  return m & kTaskMask;
}

constexpr Meta unpack_meta(std::uint64_t m) {
  return Meta{static_cast<HotKind>((m >> 40) & 0xf), static_cast<std::uint8_t>((m >> 44) & 0x7),
              static_cast<std::uint8_t>((m >> 47) & 0x3f),
              static_cast<std::uint8_t>((m >> 53) & 0x3f), static_cast<std::uint8_t>(m >> 59)};
}

// The words one record takes in the ring.
constexpr unsigned record_words(const Meta& m) {
  return kHeaderWords + m.payload + m.frames + m.awaiters;
}

static_assert(kMaxPayloadWords < 8, "payload count has 3 bits");
static_assert(RawStack::kMaxFrames < 64 && RawStack::kMaxAwaiters < 64, "6 bits each");

// The common record: what wake/resume/resume_end write. Its size is the hot path's promise.
struct PlainRecord {
  std::uint64_t ticks;
  std::uint64_t task_and_meta;
};
static_assert(sizeof(PlainRecord) == kHeaderWords * 8, "a plain event is two words");

}  // namespace coscope::tracer::detail
