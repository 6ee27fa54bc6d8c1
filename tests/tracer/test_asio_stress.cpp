// Many tasks on many threads: io_context::run on several threads and a thread_pool, strands
// shared by several tasks (a strand's queue is run by an invoker handler created while one
// task ran, and goes on running the other tasks' handlers after that task completed and its
// coroutine frames were freed), tasks that spawn children and return at once. Run under
// ASan and TSan in CI: the assertions check the trace, the sanitizers the tracer.
#include <atomic>
#include <boost/asio.hpp>
#include <memory>
#include <set>
#include <thread>

#include "asio_fixture.hpp"

namespace asio = boost::asio;
using asio::awaitable;
using asio::use_awaitable;
using coscope::format::RecordKind;
using coscope::testing::AsioTrace;
using coscope::testing::Trace;
using coscope::testing::TracedTask;

namespace {

std::atomic<int> g_finished{0};

awaitable<void> hopper(int posts) {
  auto ex = co_await asio::this_coro::executor;
  for (int i = 0; i < posts; ++i) co_await asio::post(ex, use_awaitable);
  g_finished.fetch_add(1);
}

awaitable<void> sleeper(int rounds) {
  auto ex = co_await asio::this_coro::executor;
  asio::steady_timer timer(ex);
  for (int i = 0; i < rounds; ++i) {
    timer.expires_after(std::chrono::microseconds(50 * (i % 3)));
    co_await timer.async_wait(use_awaitable);
    co_await asio::post(ex, use_awaitable);
  }
  g_finished.fetch_add(1);
}

// Spawns its children on its own executor (a strand shared with them) and returns at once.
awaitable<void> brood(int children) {
  auto ex = co_await asio::this_coro::executor;
  for (int i = 0; i < children; ++i) asio::co_spawn(ex, hopper(1 + i % 3), asio::detached);
  g_finished.fetch_add(1);
}

// Per task: resume and end alternate strictly (one thread at a time), and the last event is
// the completion.
void expect_well_formed(const TracedTask& t) {
  int running = 0;
  for (const auto& e : t.events) {
    if (e.kind == RecordKind::task_resume) {
      EXPECT_EQ(++running, 1) << t.name << ": " << t.kinds();
    } else if (e.kind == RecordKind::resume_end) {
      EXPECT_EQ(--running, 0) << t.name << ": " << t.kinds();
    }
  }
  EXPECT_EQ(running, 0) << t.kinds();
  EXPECT_TRUE(t.completed()) << t.name << ": " << t.kinds();
}

void expect_tasks(const Trace& trace, const char* name, std::size_t count) {
  auto tasks = trace.named(name);
  EXPECT_EQ(tasks.size(), count) << name;
  for (const TracedTask* t : tasks) expect_well_formed(*t);
}

// Strands each shared by several tasks, on `Context` run by four threads.
template <typename Spawn>
void spawn_mix(Spawn&& spawn, int strands, int per_strand) {
  for (int s = 0; s < strands; ++s) {
    for (int i = 0; i < per_strand; ++i) {
      switch (i % 3) {
        case 0:
          spawn(s, hopper(2 + i % 5));
          break;
        case 1:
          spawn(s, sleeper(3));
          break;
        default:
          spawn(s, brood(3));
          break;
      }
    }
  }
}

constexpr int kStrands = 12;
constexpr int kPerStrand = 12;  // 4 hoppers, 4 sleepers, 4 broods (of 3 hoppers) per strand
constexpr int kTasks = kStrands * kPerStrand;
constexpr std::size_t kHoppers = kStrands * (kPerStrand / 3) * 4;
constexpr std::size_t kSleepers = kStrands * (kPerStrand / 3);
constexpr std::size_t kBroods = kStrands * (kPerStrand / 3);

}  // namespace

TEST_F(AsioTrace, SharedStrandsOnIoContextWithFourThreads) {
  g_finished = 0;
  for (int round = 0; round < 3; ++round) {  // io_context, strands and tasks reused, recycled
    asio::io_context io;
    std::vector<asio::strand<asio::io_context::executor_type>> strands;
    for (int s = 0; s < kStrands; ++s) strands.push_back(asio::make_strand(io));
    spawn_mix(
        [&](int s, awaitable<void> a) { asio::co_spawn(strands[s], std::move(a), asio::detached); },
        kStrands, kPerStrand);
    std::vector<std::thread> threads;
    for (int i = 0; i < 4; ++i) threads.emplace_back([&] { io.run(); });
    for (auto& t : threads) t.join();
  }
  EXPECT_EQ(g_finished.load(), 3 * (kTasks + static_cast<int>(kBroods) * 3));
  auto trace = finish();
  EXPECT_EQ(trace.dropped, 0u);
  expect_tasks(trace, "hopper", 3 * kHoppers);
  expect_tasks(trace, "sleeper", 3 * kSleepers);
  expect_tasks(trace, "brood", 3 * kBroods);
}

TEST_F(AsioTrace, SharedStrandsOnThreadPool) {
  g_finished = 0;
  {
    asio::thread_pool pool(4);
    std::vector<asio::strand<asio::thread_pool::executor_type>> strands;
    for (int s = 0; s < kStrands; ++s) strands.push_back(asio::make_strand(pool));
    // Half on strands, half straight on the pool: the pool's threads run them concurrently.
    spawn_mix(
        [&](int s, awaitable<void> a) {
          if (s % 2 == 0)
            asio::co_spawn(strands[s], std::move(a), asio::detached);
          else
            asio::co_spawn(pool, std::move(a), asio::detached);
        },
        kStrands, kPerStrand);
    pool.join();
  }
  EXPECT_EQ(g_finished.load(), kTasks + static_cast<int>(kBroods) * 3);
  auto trace = finish();
  EXPECT_EQ(trace.dropped, 0u);
  expect_tasks(trace, "hopper", kHoppers);
  expect_tasks(trace, "sleeper", kSleepers);
  expect_tasks(trace, "brood", kBroods);
}
