#include "staging.hpp"

#include <algorithm>

namespace coscope::model::detail {
namespace {
constexpr std::size_t npos = static_cast<std::size_t>(-1);
}

void Staging::add(Time time, EventKind kind, TaskIndex task, ThreadIndex thread,
                  std::uint32_t arg) {
  if (thread >= open_run_.size()) open_run_.resize(std::size_t(thread) + 1, npos);
  std::size_t r = open_run_[thread];
  if (r == npos || time < runs_[r].last_time) {
    // A thread's first event, or its time went backwards: a new sorted run starts.
    r = open_run_[thread] = runs_.size();
    runs_.push_back(Run{thread, time, {}, 0});
  }
  Run& run = runs_[r];
  run.last_time = time;
  Piece* piece = run.pieces.empty() ? nullptr : run.pieces.back().get();
  if (!piece || piece->count == kPieceEvents || time - piece->base > 0xffffffffu) {
    run.pieces.push_back(std::unique_ptr<Piece>(new Piece));  // default-init: no memset
    piece = run.pieces.back().get();
    piece->base = time;
    ++pieces_;
  }
  const std::uint32_t slot = piece->count++;
  const Segment* last = piece->segments.empty() ? nullptr : &piece->segments.back();
  if (!last || last->first_sequence + (slot - last->first_slot) != added_)
    piece->segments.push_back(Segment{slot, added_});
  piece->time_offset[slot] = static_cast<std::uint32_t>(time - piece->base);
  piece->task[slot] = task;
  piece->kind_arg[slot] = static_cast<std::uint32_t>(kind) << 28 | std::min(arg, kMaxStagedArg);
  ++added_;
  min_time_ = std::min(min_time_, time);
  max_time_ = std::max(max_time_, time);
}

StagedEvent Staging::head(const Run& run) const {
  const Piece& p = *run.pieces[run.front];
  const std::uint32_t i = run.cursor;
  StagedEvent e;
  e.time = p.base + p.time_offset[i];
  const Segment& s = p.segments[run.segment];
  e.sequence = s.first_sequence + (i - s.first_slot);
  e.kind = static_cast<EventKind>(p.kind_arg[i] >> 28);
  e.task = p.task[i];
  e.thread = run.thread;
  e.arg = p.kind_arg[i] & kMaxStagedArg;
  return e;
}

void Staging::load_head(Run& run) {
  const Piece& p = *run.pieces[run.front];
  const Segment& s = p.segments[run.segment];
  run.head_time = p.base + p.time_offset[run.cursor];
  run.head_sequence = s.first_sequence + (run.cursor - s.first_slot);
}

void Staging::heapify() {
  merging_ = true;
  for (std::size_t r = 0; r < runs_.size(); ++r)
    if (runs_[r].front < runs_[r].pieces.size()) {
      load_head(runs_[r]);
      heap_.push_back(r);
    }
  auto later = [this](std::size_t a, std::size_t b) {
    const Run &x = runs_[a], &y = runs_[b];
    return x.head_time != y.head_time ? x.head_time > y.head_time
                                      : x.head_sequence > y.head_sequence;
  };
  std::make_heap(heap_.begin(), heap_.end(), later);
}

std::optional<StagedEvent> Staging::pop() {
  if (!merging_) heapify();
  if (heap_.empty()) return std::nullopt;
  auto later = [this](std::size_t a, std::size_t b) {
    const Run &x = runs_[a], &y = runs_[b];
    return x.head_time != y.head_time ? x.head_time > y.head_time
                                      : x.head_sequence > y.head_sequence;
  };
  std::pop_heap(heap_.begin(), heap_.end(), later);
  const std::size_t r = heap_.back();
  Run& run = runs_[r];
  StagedEvent e = head(run);
  const Piece& front = *run.pieces[run.front];
  if (++run.cursor == front.count) {
    run.pieces[run.front++].reset();  // consumed: give the memory back before the store grows
    --pieces_;
    run.cursor = 0;
    run.segment = 0;
  } else if (run.segment + 1 < front.segments.size() &&
             front.segments[run.segment + 1].first_slot == run.cursor) {
    ++run.segment;
  }
  if (run.front == run.pieces.size()) {
    heap_.pop_back();
  } else {
    load_head(run);
    std::push_heap(heap_.begin(), heap_.end(), later);
  }
  return e;
}

}  // namespace coscope::model::detail
