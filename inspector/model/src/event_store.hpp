// Compact storage of the time-ordered events: blocks of up to kBlockEvents events, each a
// struct of arrays (32-bit time offset from the block's base, task, packed kind and thread),
// with arguments stored only for the kinds that have one. About 10-11 bytes per event, in
// exact-size allocations (no vector doubling), so memory stays proportional to the trace.
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <vector>

#include "coscope/model/event.hpp"

namespace coscope::model::detail {

// Kinds whose Event::arg is meaningful; the others store none.
constexpr bool kind_has_arg(EventKind kind) {
  return !(kind == EventKind::spawn || kind == EventKind::wake || kind == EventKind::resume ||
           kind == EventKind::resume_end);
}

// Thread indexes beyond this share the last index (the packed field has 12 bits).
inline constexpr ThreadIndex kMaxThreadIndex = 0x0fff;

class EventStore {
 public:
  static constexpr std::uint32_t kBlockEvents = 1024;

  // Appends an event; times must not decrease.
  void push(Time time, EventKind kind, TaskIndex task, ThreadIndex thread, std::uint32_t arg);
  // Releases spare capacity of the last block once everything is pushed.
  void finish();

  std::size_t size() const { return size_; }
  Event get(EventIndex index) const;
  Time time(EventIndex index) const;
  TaskIndex task(EventIndex index) const;
  EventKind kind(EventIndex index) const;
  // The first index whose time is > t (size() when none).
  EventIndex upper_bound(Time t) const;
  std::uint64_t bytes() const;

  // Calls f(index, event) for events [from, to) in order: cheaper than get() per event
  // because argument ranks are tracked as it goes.
  template <typename F>
  void for_each(EventIndex from, EventIndex to, F&& f) const {
    to = static_cast<EventIndex>(std::min<std::size_t>(to, size_));
    EventIndex i = from;
    while (i < to) {
      const Block& b = *blocks_[i / kBlockEvents];
      std::uint32_t slot = i % kBlockEvents;
      std::uint32_t rank = 0;
      for (std::uint32_t k = 0; k < slot; ++k)
        rank += kind_has_arg(static_cast<EventKind>(b.kind_thread[k] >> 12));
      for (; slot < b.count && i < to; ++slot, ++i) {
        Event e;
        e.time = b.wide ? b.wide[slot] : b.base + b.time_offset[slot];
        e.kind = static_cast<EventKind>(b.kind_thread[slot] >> 12);
        e.thread = b.kind_thread[slot] & kMaxThreadIndex;
        e.task = b.task[slot];
        if (kind_has_arg(e.kind)) e.arg = rank < b.args.size() ? b.args[rank++] : 0;
        f(i, e);
      }
    }
  }

 private:
  struct Block {
    Time base = 0;
    std::uint32_t count = 0;
    std::uint32_t time_offset[kBlockEvents];
    TaskIndex task[kBlockEvents];
    std::uint16_t kind_thread[kBlockEvents];  // kind << 12 | thread
    std::vector<std::uint32_t> args;          // one per event whose kind has an arg, in order
    std::unique_ptr<Time[]> wide;             // absolute times when an offset does not fit 32 bits
  };
  std::uint32_t arg_of(const Block& block, std::uint32_t slot) const;

  std::vector<std::unique_ptr<Block>> blocks_;
  std::size_t size_ = 0;
};

}  // namespace coscope::model::detail
