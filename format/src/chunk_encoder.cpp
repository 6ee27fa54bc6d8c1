#include "coscope/format/chunk_encoder.hpp"

#include <cstring>

#include "record_codec.hpp"
#include "varint.hpp"

namespace coscope::format {

void ChunkEncoder::reset(ThreadId thread) {
  thread_ = thread;
  payload_.clear();
  records_ = 0;
  last_time_ = 0;
  last_task_ = 0;
}

namespace {

// One small record's bytes, built without a vector: the tracer's writer encodes millions of
// wake/resume/suspend events per second, and the generic path costs a visit and a vector
// append per byte. The bytes are exactly those of detail::encode_body.
struct SmallBody {
  unsigned char bytes[64];  // [0] kind, [1] body size, then the body
  unsigned size = 2;
  void varint(std::uint64_t v) {
    while (v >= 0x80) {
      bytes[size++] = static_cast<unsigned char>(v | 0x80);
      v >>= 7;
    }
    bytes[size++] = static_cast<unsigned char>(v);
  }
};

}  // namespace

void ChunkEncoder::add(const Record& record) {
  SmallBody body;
  auto event = [&](const EventBase& e, TaskId task) {
    body.varint(detail::zigzag(static_cast<std::int64_t>(e.time - last_time_)));
    last_time_ = e.time;
    body.varint(detail::zigzag(static_cast<std::int64_t>(task - last_task_)));
    last_task_ = task;
  };
  RecordKind kind;
  if (const auto* r = std::get_if<TaskWake>(&record)) {
    kind = RecordKind::task_wake;
    event(*r, r->task);
  } else if (const auto* r = std::get_if<TaskResume>(&record)) {
    kind = RecordKind::task_resume;
    event(*r, r->task);
  } else if (const auto* r = std::get_if<ResumeEnd>(&record)) {
    kind = RecordKind::resume_end;
    event(*r, r->task);
  } else if (const auto* r = std::get_if<TaskSuspend>(&record)) {
    kind = RecordKind::task_suspend;
    event(*r, r->task);
    body.varint(r->operation);
    body.varint(r->location);
    body.varint(r->stack);
  } else {
    add_generic(record);
    return;
  }
  // Both are one-byte varints: kinds are below 0x80, and so is the body's size.
  static_assert(sizeof(body.bytes) < 0x80);
  body.bytes[0] = static_cast<unsigned char>(kind);
  body.bytes[1] = static_cast<unsigned char>(body.size - 2);
  std::size_t at = payload_.size();
  payload_.resize(at + body.size);
  std::memcpy(payload_.data() + at, body.bytes, body.size);
  ++records_;
}

void ChunkEncoder::add_generic(const Record& record) {
  detail::DeltaState state{last_time_, last_task_};
  body_.clear();
  detail::encode_body(record, state, body_);
  detail::put_varint(payload_, static_cast<std::uint64_t>(kind_of(record)));
  detail::put_varint(payload_, body_.size());
  payload_.insert(payload_.end(), body_.begin(), body_.end());
  last_time_ = state.time;
  last_task_ = state.task;
  ++records_;
}

}  // namespace coscope::format
