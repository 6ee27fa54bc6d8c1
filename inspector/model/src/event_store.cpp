#include "event_store.hpp"

#include <algorithm>

namespace coscope::model::detail {

void EventStore::push(Time time, EventKind kind, TaskIndex task, ThreadIndex thread,
                      std::uint32_t arg) {
  if (!open_) open_ = std::make_unique<Open>();
  Open& o = *open_;
  const std::uint32_t slot = o.count++;
  o.time[slot] = time;
  o.kind[slot] = kind;
  o.task[slot] = task;
  o.thread[slot] = std::min(thread, kMaxThreadIndex);
  o.arg[slot] = arg;
  ++size_;
  if (o.count == kBlockEvents) seal();
}

void EventStore::seal() {
  Open& o = *open_;
  const std::uint32_t n = o.count;
  if (n == 0) return;
  Block b;
  b.base = o.time[0];
  b.count = static_cast<std::uint16_t>(n);
  TaskIndex task_min = kNoTask, task_max = 0;
  ThreadIndex thread_min = kMaxThreadIndex, thread_max = 0;
  std::uint32_t arg_min = 0xffffffffu, arg_max = 0, args = 0;
  for (std::uint32_t i = 0; i < n; ++i) {
    if (o.task[i] != kNoTask) {
      task_min = std::min(task_min, o.task[i]);
      task_max = std::max(task_max, o.task[i]);
    }
    thread_min = std::min(thread_min, o.thread[i]);
    thread_max = std::max(thread_max, o.thread[i]);
    if (kind_has_arg(o.kind[i])) {
      arg_min = std::min(arg_min, o.arg[i]);
      arg_max = std::max(arg_max, o.arg[i]);
      ++args;
    }
  }
  b.task_base = task_min == kNoTask ? 0 : task_min;
  b.thread_base = thread_min;
  b.arg_base = args ? arg_min : 0;
  b.time_bits = static_cast<std::uint8_t>(bits_for(o.time[n - 1] - b.base));
  b.task_bits = static_cast<std::uint8_t>(
      task_min == kNoTask ? 0 : bits_for(std::uint64_t(task_max - task_min) + 1));
  b.thread_bits = static_cast<std::uint8_t>(bits_for(thread_max - thread_min));
  b.arg_bits = static_cast<std::uint8_t>(args ? bits_for(arg_max - arg_min) : 0);
  const unsigned meta_bits = b.meta_bits();
  const std::size_t words = words_for(b.args_at() + std::uint64_t(args) * b.arg_bits);
  b.word_count = static_cast<std::uint32_t>(words);
  b.words = std::make_unique<std::uint64_t[]>(words);  // zeroed
  std::uint64_t* w = b.words.get();
  const std::uint64_t meta_at = b.meta_at(), args_at = b.args_at();
  std::uint32_t rank = 0;
  for (std::uint32_t i = 0; i < n; ++i) {
    if (i % 64 == 0) b.args_before[i / 64] = static_cast<std::uint16_t>(rank);
    put_bits(w, std::uint64_t(i) * b.time_bits, b.time_bits, o.time[i] - b.base);
    const std::uint64_t task =
        o.task[i] == kNoTask ? 0 : std::uint64_t(o.task[i] - b.task_base) + 1;
    const std::uint64_t meta = static_cast<std::uint64_t>(o.kind[i]) |
                               std::uint64_t(o.thread[i] - b.thread_base) << 4 |
                               task << (4 + b.thread_bits);
    put_bits(w, meta_at + std::uint64_t(i) * meta_bits, meta_bits, meta);
    if (kind_has_arg(o.kind[i]))
      put_bits(w, args_at + std::uint64_t(rank++) * b.arg_bits, b.arg_bits, o.arg[i] - b.arg_base);
  }
  blocks_.push_back(std::move(b));
  o.count = 0;
}

void EventStore::finish() {
  if (open_) seal();
  open_.reset();
  blocks_.shrink_to_fit();
}

Time EventStore::time(EventIndex index) const {
  return blocks_[index / kBlockEvents].time(index % kBlockEvents);
}

TaskIndex EventStore::task(EventIndex index) const {
  const Block& b = blocks_[index / kBlockEvents];
  return b.task_of(b.meta(index % kBlockEvents));
}

EventKind EventStore::kind(EventIndex index) const {
  const Block& b = blocks_[index / kBlockEvents];
  return Block::kind_of(b.meta(index % kBlockEvents));
}

Event EventStore::get(EventIndex index) const {
  const Block& b = blocks_[index / kBlockEvents];
  const std::uint32_t slot = index % kBlockEvents;
  Event e = b.event_without_arg(slot);
  if (kind_has_arg(e.kind)) e.arg = b.arg(b.rank_before(slot));
  return e;
}

EventIndex EventStore::upper_bound(Time t) const {
  // First the block (by base time), then the slot inside it.
  auto it = std::upper_bound(blocks_.begin(), blocks_.end(), t,
                             [](Time v, const Block& b) { return v < b.base; });
  if (it == blocks_.begin()) return 0;
  const std::size_t block = static_cast<std::size_t>(it - blocks_.begin()) - 1;
  const Block& b = blocks_[block];
  std::uint32_t lo = 0, hi = b.count;
  while (lo < hi) {
    const std::uint32_t mid = (lo + hi) / 2;
    if (b.time(mid) <= t)
      lo = mid + 1;
    else
      hi = mid;
  }
  return static_cast<EventIndex>(block * kBlockEvents + lo);
}

std::uint64_t EventStore::bytes() const {
  std::uint64_t n = blocks_.capacity() * sizeof(Block);
  for (const Block& b : blocks_) n += b.word_count * sizeof(std::uint64_t);
  return n;
}

}  // namespace coscope::model::detail
