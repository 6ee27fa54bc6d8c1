#include "coscope/format/chunk_encoder.hpp"

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

void ChunkEncoder::add(const Record& record) {
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
