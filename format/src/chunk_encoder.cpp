#include "coscope/format/chunk_encoder.hpp"

#include <cstring>

#include "record_codec.hpp"
#include "varint.hpp"

namespace coscope::format {

void ChunkEncoder::reset(ThreadId thread) {
  thread_ = thread;
  size_ = 0;
  records_ = 0;
  last_time_ = 0;
  last_task_ = 0;
}

void ChunkEncoder::grow(std::size_t n) {
  std::size_t capacity = capacity_ < 4096 ? 4096 : capacity_ * 2;
  while (capacity - size_ < n) capacity *= 2;
  auto bytes = std::make_unique_for_overwrite<unsigned char[]>(capacity);
  if (size_ != 0) std::memcpy(bytes.get(), bytes_.get(), size_);
  bytes_ = std::move(bytes);
  capacity_ = capacity;
}

void ChunkEncoder::add(const Record& record) {
  // The hottest kinds through the fast path: exactly the bytes of detail::encode_body.
  if (const auto* r = std::get_if<TaskWake>(&record)) {
    add_task_event(RecordKind::task_wake, r->time, r->task);
  } else if (const auto* r = std::get_if<TaskResume>(&record)) {
    add_task_event(RecordKind::task_resume, r->time, r->task);
  } else if (const auto* r = std::get_if<ResumeEnd>(&record)) {
    add_task_event(RecordKind::resume_end, r->time, r->task);
  } else if (const auto* r = std::get_if<TaskSuspend>(&record)) {
    add_suspend(r->time, r->task, r->operation, r->location, r->stack);
  } else {
    add_generic(record);
  }
}

void ChunkEncoder::add_generic(const Record& record) {
  detail::DeltaState state{last_time_, last_task_};
  body_.clear();
  detail::encode_body(record, state, body_);
  unsigned char* p = room(2 * 10 + body_.size());
  unsigned char* start = p;
  p = varint(p, static_cast<std::uint64_t>(kind_of(record)));
  p = varint(p, body_.size());
  if (!body_.empty()) std::memcpy(p, body_.data(), body_.size());
  size_ += static_cast<std::size_t>(p - start) + body_.size();
  last_time_ = state.time;
  last_task_ = state.task;
  ++records_;
}

}  // namespace coscope::format
