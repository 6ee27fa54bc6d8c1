#include "staging.hpp"

#include <algorithm>

#include "bit_pack.hpp"
#include "event_store.hpp"

namespace coscope::model::detail {
namespace {
constexpr std::size_t npos = static_cast<std::size_t>(-1);
}

// Consecutive events of one run. Their file positions are stored as segments (first slot,
// its sequence) of consecutive positions: one per chunk.
struct Segment {
  std::uint32_t first_slot;
  std::uint64_t first_sequence;
};

// Per event: time offset from base, then meta = kind | task code (0: kNoTask, else task -
// task_base + 1); then one argument per event whose kind has one.
struct Staging::Piece {
  Time base = 0;
  TaskIndex task_base = 0;
  std::uint32_t arg_base = 0;
  std::uint32_t count = 0;
  std::uint8_t time_bits = 0;
  std::uint8_t task_bits = 0;
  std::uint8_t arg_bits = 0;
  std::vector<Segment> segments;
  std::unique_ptr<std::uint64_t[]> words;

  unsigned meta_bits() const { return 4u + task_bits; }
  std::uint64_t meta_at() const { return std::uint64_t(count) * time_bits; }
  std::uint64_t args_at() const { return std::uint64_t(count) * (time_bits + meta_bits()); }
};

// The piece being filled, at full width.
struct Staging::Open {
  std::vector<Time> time;
  std::vector<TaskIndex> task;
  std::vector<EventKind> kind;
  std::vector<std::uint32_t> arg;  // of the events whose kind has one
  std::vector<Segment> segments;
};

struct Staging::Run {
  ThreadIndex thread = kNoThread;
  Time last_time = 0;
  std::unique_ptr<Open> open;                  // null once sealed
  std::vector<std::unique_ptr<Piece>> pieces;  // consumed ones are released (null)
  std::size_t front = 0;                       // the first piece not fully consumed
  std::uint32_t cursor = 0;                    // next entry of pieces[front]
  std::uint32_t arg_rank = 0;                  // its argument's position, if it has one
  std::uint32_t segment = 0;                   // the segment of pieces[front] holding the cursor
};

Staging::Staging() = default;
Staging::~Staging() = default;
Staging::Staging(Staging&&) noexcept = default;
Staging& Staging::operator=(Staging&&) noexcept = default;

void Staging::add(Time time, EventKind kind, TaskIndex task, ThreadIndex thread,
                  std::uint32_t arg) {
  if (thread >= open_run_.size()) open_run_.resize(std::size_t(thread) + 1, npos);
  std::size_t r = open_run_[thread];
  if (r == npos || time < runs_[r].last_time) {
    // A thread's first event, or its time went backwards: a new sorted run starts.
    if (r != npos) seal(runs_[r], false);
    r = open_run_[thread] = runs_.size();
    Run& run = runs_.emplace_back();
    run.thread = thread;
    run.open = std::make_unique<Open>();
  }
  Run& run = runs_[r];
  run.last_time = time;
  Open* o = run.open.get();
  if (o->time.size() == kPieceEvents) seal(run, true);
  const auto slot = static_cast<std::uint32_t>(o->time.size());
  const Segment* last = o->segments.empty() ? nullptr : &o->segments.back();
  if (!last || last->first_sequence + (slot - last->first_slot) != added_)
    o->segments.push_back(Segment{slot, added_});
  o->time.push_back(time);
  o->task.push_back(task);
  o->kind.push_back(kind);
  if (kind_has_arg(kind)) o->arg.push_back(std::min(arg, kMaxStagedArg));
  ++added_;
  min_time_ = std::min(min_time_, time);
  max_time_ = std::max(max_time_, time);
}

// Packs the run's open entries into a piece. `keep_scratch`: the run goes on (reuse the
// open buffers); otherwise they are freed.
void Staging::seal(Run& run, bool keep_scratch) {
  Open& o = *run.open;
  const auto n = static_cast<std::uint32_t>(o.time.size());
  if (n > 0) {
    auto p = std::make_unique<Piece>();
    p->base = o.time[0];
    p->count = n;
    TaskIndex task_min = kNoTask, task_max = 0;
    for (TaskIndex t : o.task)
      if (t != kNoTask) {
        task_min = std::min(task_min, t);
        task_max = std::max(task_max, t);
      }
    std::uint32_t arg_min = 0xffffffffu, arg_max = 0;
    for (std::uint32_t a : o.arg) {
      arg_min = std::min(arg_min, a);
      arg_max = std::max(arg_max, a);
    }
    p->task_base = task_min == kNoTask ? 0 : task_min;
    p->arg_base = o.arg.empty() ? 0 : arg_min;
    p->time_bits = static_cast<std::uint8_t>(bits_for(o.time[n - 1] - p->base));
    p->task_bits = static_cast<std::uint8_t>(
        task_min == kNoTask ? 0 : bits_for(std::uint64_t(task_max - task_min) + 1));
    p->arg_bits = static_cast<std::uint8_t>(o.arg.empty() ? 0 : bits_for(arg_max - arg_min));
    p->words = std::make_unique<std::uint64_t[]>(
        words_for(p->args_at() + std::uint64_t(o.arg.size()) * p->arg_bits));
    std::uint64_t* w = p->words.get();
    const unsigned meta_bits = p->meta_bits();
    const std::uint64_t meta_at = p->meta_at(), args_at = p->args_at();
    for (std::uint32_t i = 0; i < n; ++i) {
      put_bits(w, std::uint64_t(i) * p->time_bits, p->time_bits, o.time[i] - p->base);
      const std::uint64_t task = o.task[i] == kNoTask ? 0 : std::uint64_t(o.task[i] - task_min) + 1;
      put_bits(w, meta_at + std::uint64_t(i) * meta_bits, meta_bits,
               static_cast<std::uint64_t>(o.kind[i]) | task << 4);
    }
    for (std::size_t i = 0; i < o.arg.size(); ++i)
      put_bits(w, args_at + i * p->arg_bits, p->arg_bits, o.arg[i] - p->arg_base);
    p->segments = std::move(o.segments);
    p->segments.shrink_to_fit();
    run.pieces.push_back(std::move(p));
  }
  if (keep_scratch) {
    o.time.clear();
    o.task.clear();
    o.kind.clear();
    o.arg.clear();
    o.segments.clear();
  } else {
    run.open.reset();
  }
}

Staging::Head Staging::head_of(std::size_t r) const {
  const Run& run = runs_[r];
  const Piece& p = *run.pieces[run.front];
  const Segment& s = p.segments[run.segment];
  return Head{
      p.base + get_bits(p.words.get(), std::uint64_t(run.cursor) * p.time_bits, p.time_bits),
      s.first_sequence + (run.cursor - s.first_slot), r};
}

// The entry at the run's cursor, moving the cursor on.
StagedEvent Staging::take(Run& run) {
  const Piece& p = *run.pieces[run.front];
  const std::uint32_t i = run.cursor;
  const std::uint64_t meta =
      get_bits(p.words.get(), p.meta_at() + std::uint64_t(i) * p.meta_bits(), p.meta_bits());
  StagedEvent e;
  e.time = heap_.front().time;
  e.sequence = heap_.front().sequence;
  e.kind = static_cast<EventKind>(meta & 15);
  const std::uint64_t task = meta >> 4;
  e.task = task == 0 ? kNoTask : static_cast<TaskIndex>(task - 1 + p.task_base);
  e.thread = run.thread;
  if (kind_has_arg(e.kind))
    e.arg = p.arg_base + static_cast<std::uint32_t>(get_bits(
                             p.words.get(),
                             p.args_at() + std::uint64_t(run.arg_rank++) * p.arg_bits, p.arg_bits));
  if (++run.cursor == p.count) {
    run.pieces[run.front++].reset();  // consumed: give the memory back before the store grows
    run.cursor = 0;
    run.arg_rank = 0;
    run.segment = 0;
  } else if (run.segment + 1 < p.segments.size() &&
             p.segments[run.segment + 1].first_slot == run.cursor) {
    ++run.segment;
  }
  return e;
}

void Staging::heapify() {
  merging_ = true;
  for (std::size_t r = 0; r < runs_.size(); ++r) {
    if (runs_[r].open) seal(runs_[r], false);
    if (runs_[r].front < runs_[r].pieces.size()) heap_.push_back(head_of(r));
  }
  open_run_.clear();
  std::make_heap(heap_.begin(), heap_.end(), [](const Head& a, const Head& b) { return b < a; });
}

// Restores the heap after its top changed. Neighbouring events often come from the same
// run, so the new top usually stays put after a comparison or two: cheaper than pop + push.
void Staging::sift_down() {
  const std::size_t n = heap_.size();
  std::size_t i = 0;
  const Head moving = heap_[0];
  for (;;) {
    std::size_t child = 2 * i + 1;
    if (child >= n) break;
    if (child + 1 < n && heap_[child + 1] < heap_[child]) ++child;
    if (!(heap_[child] < moving)) break;
    heap_[i] = heap_[child];
    i = child;
  }
  heap_[i] = moving;
}

std::optional<StagedEvent> Staging::pop() {
  if (!merging_) heapify();
  if (heap_.empty()) return std::nullopt;
  const std::size_t r = heap_.front().run;
  Run& run = runs_[r];
  StagedEvent e = take(run);
  if (run.front == run.pieces.size()) {
    heap_.front() = heap_.back();
    heap_.pop_back();
    if (heap_.empty()) return e;
  } else {
    heap_.front() = head_of(r);
  }
  sift_down();
  return e;
}

}  // namespace coscope::model::detail
