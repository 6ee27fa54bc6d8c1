#include "event_store.hpp"

#include <algorithm>

namespace coscope::model::detail {

void EventStore::push(Time time, EventKind kind, TaskIndex task, ThreadIndex thread,
                      std::uint32_t arg) {
  if (blocks_.empty() || blocks_.back()->count == kBlockEvents) {
    if (!blocks_.empty()) blocks_.back()->args.shrink_to_fit();
    blocks_.push_back(std::unique_ptr<Block>(new Block));  // default-init: no memset
    blocks_.back()->base = time;
  }
  Block& b = *blocks_.back();
  const std::uint32_t slot = b.count++;
  const Time offset = time - b.base;
  if (offset > 0xffffffffu && !b.wide) {
    // Rare (a gap of more than 4.29 s inside one block): keep absolute times for the block.
    b.wide = std::make_unique<Time[]>(kBlockEvents);
    for (std::uint32_t i = 0; i < slot; ++i) b.wide[i] = b.base + b.time_offset[i];
  }
  if (b.wide) b.wide[slot] = time;
  b.time_offset[slot] = static_cast<std::uint32_t>(std::min<Time>(offset, 0xffffffffu));
  b.task[slot] = task;
  b.kind_thread[slot] = static_cast<std::uint16_t>(static_cast<unsigned>(kind) << 12 |
                                                   std::min(thread, kMaxThreadIndex));
  if (kind_has_arg(kind)) b.args.push_back(arg);
  ++size_;
}

void EventStore::finish() {
  if (!blocks_.empty()) blocks_.back()->args.shrink_to_fit();
  blocks_.shrink_to_fit();
}

std::uint32_t EventStore::arg_of(const Block& block, std::uint32_t slot) const {
  // The rank of this slot among the block's arg-carrying events (at most kBlockEvents steps).
  std::uint32_t rank = 0;
  for (std::uint32_t i = 0; i < slot; ++i)
    rank += kind_has_arg(static_cast<EventKind>(block.kind_thread[i] >> 12));
  return rank < block.args.size() ? block.args[rank] : 0;
}

Time EventStore::time(EventIndex index) const {
  const Block& b = *blocks_[index / kBlockEvents];
  const std::uint32_t slot = index % kBlockEvents;
  return b.wide ? b.wide[slot] : b.base + b.time_offset[slot];
}

TaskIndex EventStore::task(EventIndex index) const {
  return blocks_[index / kBlockEvents]->task[index % kBlockEvents];
}

EventKind EventStore::kind(EventIndex index) const {
  return static_cast<EventKind>(blocks_[index / kBlockEvents]->kind_thread[index % kBlockEvents] >>
                                12);
}

Event EventStore::get(EventIndex index) const {
  const Block& b = *blocks_[index / kBlockEvents];
  const std::uint32_t slot = index % kBlockEvents;
  Event e;
  e.time = b.wide ? b.wide[slot] : b.base + b.time_offset[slot];
  e.kind = static_cast<EventKind>(b.kind_thread[slot] >> 12);
  const ThreadIndex thread = b.kind_thread[slot] & kMaxThreadIndex;
  e.thread = thread;
  e.task = b.task[slot];
  e.arg = kind_has_arg(e.kind) ? arg_of(b, slot) : 0;
  return e;
}

EventIndex EventStore::upper_bound(Time t) const {
  // First the block (by base time), then the slot inside it.
  auto it = std::upper_bound(blocks_.begin(), blocks_.end(), t,
                             [](Time v, const std::unique_ptr<Block>& b) { return v < b->base; });
  if (it == blocks_.begin()) return 0;
  const std::size_t block = static_cast<std::size_t>(it - blocks_.begin()) - 1;
  const Block& b = *blocks_[block];
  std::uint32_t lo = 0, hi = b.count;
  while (lo < hi) {
    const std::uint32_t mid = (lo + hi) / 2;
    const Time tm = b.wide ? b.wide[mid] : b.base + b.time_offset[mid];
    if (tm <= t)
      lo = mid + 1;
    else
      hi = mid;
  }
  return static_cast<EventIndex>(block * kBlockEvents + lo);
}

std::uint64_t EventStore::bytes() const {
  std::uint64_t n = blocks_.capacity() * sizeof(void*);
  for (const auto& b : blocks_) {
    n += sizeof(Block) + b->args.capacity() * sizeof(std::uint32_t);
    if (b->wide) n += kBlockEvents * sizeof(Time);
  }
  return n;
}

}  // namespace coscope::model::detail
