// state_at / state_after checked against a brute-force replay of the raw records on random
// traces (ties in time, wakes while running, interleaved chunks, several keyframe spacings).
#include <gtest/gtest.h>

#include <random>

#include "oracle.hpp"
#include "test_helpers.hpp"

namespace coscope::inspect::testing {
namespace {

using model::Phase;

// Compares every task of the model's snapshot with the oracle's state.
void expect_same(const model::Model& m, const model::Snapshot& s, const Oracle& o,
                 const std::string& where) {
  ASSERT_EQ(s.tasks.size(), m.tasks().size());
  for (model::TaskIndex t = 0; t < m.tasks().size(); ++t) {
    const model::TaskState& got = s.tasks[t];
    auto it = o.tasks().find(m.tasks()[t].id);
    const OracleTask want = it == o.tasks().end() ? OracleTask{} : it->second;
    SCOPED_TRACE(where + " task " + std::to_string(m.tasks()[t].id));
    ASSERT_EQ(std::string(model::phase_name(got.phase)), model::phase_name(want.phase));
    if (want.phase == Phase::not_spawned) continue;
    ASSERT_EQ(got.since, want.since);
    const format::ThreadId thread =
        got.thread < m.threads().size() ? m.threads()[got.thread].os_id : 0;
    ASSERT_EQ(thread, want.thread);
    const model::AwaitSite& site = m.site(got.site);
    ASSERT_EQ(site.location, want.location);
    ASSERT_EQ(site.stack, want.stack);
    if (want.operation != 0) {
      ASSERT_FALSE(site.operation.empty());
    }
  }
}

struct Case {
  std::uint64_t seed;
  std::uint32_t keyframe_interval;
  std::uint32_t threads;
};

class StateAtRandomTraces : public ::testing::TestWithParam<Case> {};

TEST_P(StateAtRandomTraces, EveryEventStepMatchesBruteForce) {
  SyntheticOptions opt;
  opt.seed = GetParam().seed;
  opt.events = 3000;
  opt.threads = GetParam().threads;
  opt.max_live_tasks = 40;
  opt.same_time = 0.2;
  const std::string path = temp_path("state-" + std::to_string(opt.seed) + ".cotrace");
  Oracle oracle(generate_to(path, opt));
  model::LoadOptions lo;
  lo.keyframe_interval = GetParam().keyframe_interval;
  model::Model m = load_or_die(path, lo);
  ASSERT_EQ(m.event_count(), oracle.events().size());
  for (std::size_t i = 0; i <= m.event_count(); ++i) {
    oracle.advance_to(i);
    expect_same(m, m.state_after(static_cast<model::EventIndex>(i)), oracle,
                "after " + std::to_string(i) + " events");
    if (HasFatalFailure()) return;
  }
}

TEST_P(StateAtRandomTraces, RandomTimesMatchBruteForce) {
  SyntheticOptions opt;
  opt.seed = GetParam().seed + 1000;
  opt.events = 20000;
  opt.threads = GetParam().threads;
  opt.same_time = 0.1;
  const std::string path = temp_path("times-" + std::to_string(opt.seed) + ".cotrace");
  Oracle oracle(generate_to(path, opt));
  model::LoadOptions lo;
  lo.keyframe_interval = GetParam().keyframe_interval;
  model::Model m = load_or_die(path, lo);
  std::mt19937_64 rng(opt.seed);
  std::vector<model::Time> times;
  for (int i = 0; i < 150; ++i) times.push_back(rng() % (m.end() + 2000));
  // Exact event times too: a state includes the events at that very time.
  for (int i = 0; i < 50; ++i)
    times.push_back(m.event(static_cast<model::EventIndex>(rng() % m.event_count())).time);
  std::sort(times.begin(), times.end());
  for (model::Time t : times) {
    oracle.advance_to_time(t);
    const model::Snapshot s = m.state_at(t);
    expect_same(m, s, oracle, "at " + std::to_string(t));
    if (HasFatalFailure()) return;
    // One task's path (its keyframe entry and its own events) agrees with the full snapshot.
    for (model::TaskIndex k = 0; k < m.tasks().size(); ++k)
      ASSERT_EQ(m.task_state_at(k, t), s.tasks[k]) << "task " << m.tasks()[k].id << " at " << t;
  }
}

INSTANTIATE_TEST_SUITE_P(Seeds, StateAtRandomTraces,
                         ::testing::Values(Case{1, 16, 4}, Case{2, 64, 2}, Case{3, 4096, 8},
                                           Case{4, 16, 1}, Case{5, 100, 3}));

TEST(StateAt, EventsAreInTimeOrderWithTiesInFileOrder) {
  SyntheticOptions opt;
  opt.seed = 77;
  opt.events = 5000;
  opt.same_time = 0.3;
  const std::string path = temp_path("order.cotrace");
  Oracle oracle(generate_to(path, opt));
  model::Model m = load_or_die(path);
  ASSERT_EQ(m.event_count(), oracle.events().size());
  for (model::EventIndex i = 0; i < m.event_count(); ++i) {
    const model::Event e = m.event(i);
    const auto& r = oracle.events()[i];
    const format::RecordKind k = format::kind_of(r);
    ASSERT_EQ(e.time,
              std::visit(
                  [](const auto& x) -> format::Timestamp {
                    if constexpr (std::is_base_of_v<format::EventBase, std::decay_t<decltype(x)>>)
                      return x.time;
                    else
                      return 0;
                  },
                  r))
        << i;
    ASSERT_EQ(static_cast<int>(e.kind), static_cast<int>(k) < 0x20 ? static_cast<int>(k) - 0x10
                                                                   : static_cast<int>(k) - 0x20 + 7)
        << i;
  }
}

}  // namespace
}  // namespace coscope::inspect::testing
