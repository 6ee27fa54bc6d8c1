// The packed event store and the load's staging against plain vectors: every field of every
// event reads back, at widths from 0 bits (all equal) to 64 (huge time gaps), with kNoTask,
// clamped threads and arguments only for the kinds that have one.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <vector>

#include "event_store.hpp"
#include "staging.hpp"

namespace coscope::model::detail {
namespace {

struct Plain {
  Time time;
  EventKind kind;
  TaskIndex task;
  ThreadIndex thread;
  std::uint32_t arg;
};

std::vector<Plain> random_events(std::mt19937_64& rng, std::size_t n, Time max_step,
                                 TaskIndex tasks, std::uint32_t max_arg) {
  std::vector<Plain> v;
  Time t = rng() % 1000;
  for (std::size_t i = 0; i < n; ++i) {
    if (max_step) t += rng() % (max_step + 1);
    const auto kind = static_cast<EventKind>(rng() % kEventKindCount);
    const TaskIndex task = rng() % 17 == 0 ? kNoTask : static_cast<TaskIndex>(rng() % tasks);
    const auto thread = static_cast<ThreadIndex>(rng() % 5 == 0 ? 5000 : rng() % 8);
    const std::uint32_t arg = kind_has_arg(kind) ? static_cast<std::uint32_t>(rng() % max_arg) : 0;
    v.push_back({t, kind, task, thread, arg});
  }
  return v;
}

void expect_same(const Event& got, const Plain& want, std::size_t i) {
  ASSERT_EQ(got.time, want.time) << i;
  ASSERT_EQ(got.kind, want.kind) << i;
  ASSERT_EQ(got.task, want.task) << i;
  ASSERT_EQ(got.thread, std::min(want.thread, kMaxThreadIndex)) << i;
  ASSERT_EQ(got.arg, want.arg) << i;
}

TEST(EventStore, ReadsBackEveryFieldAtAnyWidth) {
  std::mt19937_64 rng(7);
  struct Shape {
    Time max_step;
    TaskIndex tasks;
    std::uint32_t max_arg;
  };
  for (Shape shape : {Shape{0, 1, 1}, Shape{3, 4, 2}, Shape{1000, 300000, 1u << 30},
                      Shape{Time{1} << 40, 0xfffffff0u, 0xffffffffu}}) {
    const std::vector<Plain> want =
        random_events(rng, 5000, shape.max_step, shape.tasks, shape.max_arg);
    EventStore store;
    for (const Plain& p : want) store.push(p.time, p.kind, p.task, p.thread, p.arg);
    store.finish();
    ASSERT_EQ(store.size(), want.size());
    for (std::size_t i = 0; i < want.size(); ++i) {
      expect_same(store.get(static_cast<EventIndex>(i)), want[i], i);
      ASSERT_EQ(store.time(static_cast<EventIndex>(i)), want[i].time);
      ASSERT_EQ(store.task(static_cast<EventIndex>(i)), want[i].task);
      ASSERT_EQ(store.kind(static_cast<EventIndex>(i)), want[i].kind);
    }
    for (EventIndex from : {0u, 1u, 63u, 64u, 1023u, 1024u, 1500u}) {
      std::size_t seen = 0;
      store.for_each(from, 4321, [&](EventIndex i, const Event& e) {
        expect_same(e, want[i], i);
        ASSERT_EQ(i, from + seen++);
      });
      EXPECT_EQ(seen, 4321 - from);
    }
    for (int k = 0; k < 200; ++k) {
      const Time t = want[rng() % want.size()].time - (rng() % 2);
      const auto it = std::upper_bound(want.begin(), want.end(), t,
                                       [](Time v, const Plain& p) { return v < p.time; });
      ASSERT_EQ(store.upper_bound(t), static_cast<EventIndex>(it - want.begin()));
    }
  }
}

TEST(Staging, MergesRunsInTimeThenFileOrder) {
  std::mt19937_64 rng(11);
  // Threads' times mostly rise, sometimes jump back (a new run), with many ties.
  struct Added {
    Plain p;
    std::uint64_t sequence;
  };
  std::vector<Added> added;
  std::vector<Time> clock(6, 0);
  Staging staging;
  for (std::uint64_t i = 0; i < 30000; ++i) {
    const auto thread = static_cast<ThreadIndex>(rng() % 6);
    Time& t = clock[thread];
    if (rng() % 500 == 0)
      t -= std::min<Time>(t, rng() % 5000);
    else
      t += rng() % 4 == 0 ? 0 : rng() % (rng() % 100 == 0 ? (Time{1} << 36) : 50);
    const auto kind = static_cast<EventKind>(rng() % kEventKindCount);
    const TaskIndex task = rng() % 13 == 0 ? kNoTask : static_cast<TaskIndex>(rng() % 5000);
    const std::uint32_t arg = kind_has_arg(kind) ? static_cast<std::uint32_t>(rng() % 100000) : 0;
    staging.add(t, kind, task, thread, arg);
    added.push_back({{t, kind, task, thread, arg}, i});
  }
  std::stable_sort(added.begin(), added.end(),
                   [](const Added& a, const Added& b) { return a.p.time < b.p.time; });
  for (const Added& want : added) {
    std::optional<StagedEvent> got = staging.pop();
    ASSERT_TRUE(got);
    ASSERT_EQ(got->time, want.p.time);
    ASSERT_EQ(got->sequence, want.sequence);
    ASSERT_EQ(got->kind, want.p.kind);
    ASSERT_EQ(got->task, want.p.task);
    ASSERT_EQ(got->thread, want.p.thread);
    ASSERT_EQ(got->arg, want.p.arg);
  }
  EXPECT_FALSE(staging.pop());
}

}  // namespace
}  // namespace coscope::model::detail
