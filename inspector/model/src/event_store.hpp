// Compact storage of the time-ordered events, in blocks of up to kBlockEvents events. Each
// sealed block packs its fields at the width its own values need (bit_pack.hpp): time offset
// from the block's first time, kind, thread and task (from the block's smallest), and
// arguments only for the kinds that have one. Neighbouring events are close in time and name
// a few hundred live tasks, so an event takes about 5-6 bytes, in exact-size allocations;
// random access stays O(1) (an argument costs a scan of at most 63 kinds).
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <vector>

#include "bit_pack.hpp"
#include "coscope/model/event.hpp"

namespace coscope::model::detail {

// Kinds whose Event::arg is meaningful; the others store none.
constexpr bool kind_has_arg(EventKind kind) {
  return !(kind == EventKind::spawn || kind == EventKind::wake || kind == EventKind::resume ||
           kind == EventKind::resume_end);
}

// Thread indexes beyond this share the last index.
inline constexpr ThreadIndex kMaxThreadIndex = 0x0fff;

class EventStore {
 public:
  static constexpr std::uint32_t kBlockEvents = 1024;

  // Appends an event; times must not decrease.
  void push(Time time, EventKind kind, TaskIndex task, ThreadIndex thread, std::uint32_t arg);
  // Seals the last block once everything is pushed; reads are valid only after this.
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
      const Block& b = blocks_[i / kBlockEvents];
      std::uint32_t slot = i % kBlockEvents;
      std::uint32_t rank = b.rank_before(slot);
      for (; slot < b.count && i < to; ++slot, ++i) {
        Event e = b.event_without_arg(slot);
        if (kind_has_arg(e.kind)) e.arg = b.arg(rank++);
        f(i, e);
      }
    }
  }

 private:
  struct Block {
    Time base = 0;                // the first event's time
    TaskIndex task_base = 0;      // tasks are stored as task - task_base + 1 (0: kNoTask)
    std::uint32_t arg_base = 0;   // arguments are stored as arg - arg_base
    ThreadIndex thread_base = 0;  // threads are stored as thread - thread_base
    std::uint16_t count = 0;
    std::uint8_t time_bits = 0;  // per event: time offset, then meta = kind | thread | task
    std::uint8_t thread_bits = 0;
    std::uint8_t task_bits = 0;
    std::uint8_t arg_bits = 0;
    std::uint32_t word_count = 0;
    std::uint16_t args_before[kBlockEvents / 64] = {};  // arguments before slot 64 * i
    std::unique_ptr<std::uint64_t[]> words;

    unsigned meta_bits() const { return 4u + thread_bits + task_bits; }
    std::uint64_t meta_at() const { return std::uint64_t(count) * time_bits; }
    std::uint64_t args_at() const { return std::uint64_t(count) * (time_bits + meta_bits()); }
    Time time(std::uint32_t slot) const {
      return base + get_bits(words.get(), std::uint64_t(slot) * time_bits, time_bits);
    }
    std::uint64_t meta(std::uint32_t slot) const {
      return get_bits(words.get(), meta_at() + std::uint64_t(slot) * meta_bits(), meta_bits());
    }
    static EventKind kind_of(std::uint64_t meta) { return static_cast<EventKind>(meta & 15); }
    TaskIndex task_of(std::uint64_t meta) const {
      const std::uint64_t code = meta >> (4 + thread_bits);
      return code == 0 ? kNoTask : static_cast<TaskIndex>(code - 1 + task_base);
    }
    Event event_without_arg(std::uint32_t slot) const {
      const std::uint64_t m = meta(slot);
      Event e;
      e.time = time(slot);
      e.kind = kind_of(m);
      e.thread = static_cast<ThreadIndex>(thread_base + ((m >> 4) & low_mask(thread_bits)));
      e.task = task_of(m);
      return e;
    }
    std::uint32_t arg(std::uint32_t rank) const {
      return arg_base + static_cast<std::uint32_t>(get_bits(
                            words.get(), args_at() + std::uint64_t(rank) * arg_bits, arg_bits));
    }
    // How many events before `slot` carry an argument.
    std::uint32_t rank_before(std::uint32_t slot) const {
      std::uint32_t rank = args_before[slot / 64];
      for (std::uint32_t k = slot & ~63u; k < slot; ++k) rank += kind_has_arg(kind_of(meta(k)));
      return rank;
    }
  };
  // The block being filled, at full width until it is sealed.
  struct Open {
    Time time[kBlockEvents];
    TaskIndex task[kBlockEvents];
    std::uint32_t arg[kBlockEvents];
    ThreadIndex thread[kBlockEvents];
    EventKind kind[kBlockEvents];
    std::uint32_t count = 0;
  };
  void seal();

  std::vector<Block> blocks_;
  std::unique_ptr<Open> open_;
  std::size_t size_ = 0;
};

}  // namespace coscope::model::detail
