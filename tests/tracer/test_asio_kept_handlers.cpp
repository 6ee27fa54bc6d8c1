// Tasks suspended on a program's own primitive: an async event built on async_initiate keeps
// each waiter's handler and completes it later, as programs' semaphores, events and queues do.
// Asio creates no tracked handler for such a wait; the task must neither be taken for
// finished while it waits nor have its later life charged to the task that wakes it.
#include <boost/asio.hpp>
#include <memory>
#include <utility>
#include <vector>

#include "asio_fixture.hpp"
#include "coscope/asio/co_spawn.hpp"

namespace asio = boost::asio;
using asio::awaitable;
using asio::use_awaitable;
using coscope::testing::AsioTrace;
using coscope::testing::TracedTask;

namespace {

// How a woken waiter's handler is run.
enum class Wake { post, post_to_io_executor, dispatch_inline, call_directly };

class Event {
 public:
  Event(Wake how, asio::io_context& io) : how_(how), io_(io) {}

  template <typename Token>
  auto async_wait(Token&& token) {
    return asio::async_initiate<Token, void()>(
        [this](auto handler) {
          waiters_.push_back(std::make_unique<Kept<decltype(handler)>>(std::move(handler)));
        },
        token);
  }
  void set() {
    for (auto& waiter : std::exchange(waiters_, {})) waiter->wake(how_, io_);
  }

 private:
  struct Waiter {
    virtual ~Waiter() = default;
    virtual void wake(Wake how, asio::io_context& io) = 0;
  };
  template <typename Handler>
  struct Kept : Waiter {
    explicit Kept(Handler h) : handler(std::move(h)) {}
    void wake(Wake how, asio::io_context& io) override {
      switch (how) {
        case Wake::post:
          asio::post(std::move(handler));  // through any_io_executor: a type-erased function
          break;
        case Wake::post_to_io_executor:
          asio::post(io.get_executor(), std::move(handler));
          break;
        case Wake::dispatch_inline:
          asio::dispatch(std::move(handler));  // on the waker's thread: runs at once
          break;
        case Wake::call_directly:
          std::move(handler)();  // no Asio function sees it
          break;
      }
    }
    Handler handler;
  };

  Wake how_;
  asio::io_context& io_;
  std::vector<std::unique_ptr<Waiter>> waiters_;
};

awaitable<void> waits_then_sleeps(Event& e) {
  co_await e.async_wait(use_awaitable);
  asio::steady_timer t(co_await asio::this_coro::executor, std::chrono::milliseconds(2));
  co_await t.async_wait(use_awaitable);
}

awaitable<void> waits_then_returns(Event& e) {
  co_await e.async_wait(use_awaitable);
}

awaitable<void> sets_the_event(Event& e) {
  asio::steady_timer t(co_await asio::this_coro::executor, std::chrono::milliseconds(20));
  co_await t.async_wait(use_awaitable);
  e.set();
  co_await t.async_wait(use_awaitable);  // expired: completes at once
}

// `co_await dispatch(...)` onto the executor running the task completes inline: no handler is
// created, and the task runs on to its end inside the operation's own scope.
awaitable<int> hops_home_last() {
  auto ex = co_await asio::this_coro::executor;
  asio::steady_timer t(ex, std::chrono::milliseconds(1));
  co_await t.async_wait(use_awaitable);
  co_await asio::dispatch(ex, use_awaitable);
  co_return 1;
}

std::uint64_t end_time(const TracedTask& t) {
  return t.events.empty() ? 0 : t.events.back().time;
}

class KeptHandlers : public AsioTrace, public ::testing::WithParamInterface<Wake> {};

TEST_P(KeptHandlers, AWaiterLivesUntilItsHandlerRunsAndRunsAsItself) {
  {
    asio::io_context io;
    Event event(GetParam(), io);
    asio::co_spawn(io, waits_then_sleeps(event), asio::detached);
    asio::co_spawn(io, waits_then_returns(event), asio::detached);
    asio::co_spawn(io, sets_the_event(event), asio::detached);
    io.run();
  }
  auto trace = finish();
  auto sleeper = trace.named("waits_then_sleeps");
  auto returner = trace.named("waits_then_returns");
  auto setter = trace.named("sets_the_event");
  ASSERT_EQ(sleeper.size(), 1u);
  ASSERT_EQ(returner.size(), 1u);
  ASSERT_EQ(setter.size(), 1u);
  for (const TracedTask* t : {sleeper[0], returner[0], setter[0]})
    EXPECT_TRUE(t->completed()) << t->name << ": " << t->kinds();
  // The waiters end after the event is set (20 ms in), not at their first suspension.
  const std::uint64_t set_at = setter[0]->events[1].time + 15'000'000;  // its first resume + 15
  EXPECT_GT(end_time(*sleeper[0]), set_at) << sleeper[0]->kinds();
  EXPECT_GT(end_time(*returner[0]), set_at) << returner[0]->kinds();
  // Each waiter's continuation is its own resume; the setter resumes three times: its start,
  // its timer, and its second (expired) wait.
  EXPECT_EQ(sleeper[0]->kinds(),
            "spawn resume suspend end wake resume suspend end wake resume end "
            "complete");
  EXPECT_EQ(returner[0]->kinds(), "spawn resume suspend end wake resume end complete");
  EXPECT_EQ(setter[0]->kinds(),
            "spawn resume suspend end wake resume suspend end wake resume end "
            "complete");
  // The sleeper's timer wait is its own, not the setter's.
  std::vector<std::string> sleeper_ops, setter_ops;
  for (const auto& e : sleeper[0]->events)
    if (e.kind == coscope::format::RecordKind::task_suspend) sleeper_ops.push_back(e.operation);
  for (const auto& e : setter[0]->events)
    if (e.kind == coscope::format::RecordKind::task_suspend) setter_ops.push_back(e.operation);
  EXPECT_EQ(sleeper_ops,
            (std::vector<std::string>{"await.untracked", "deadline_timer.async_wait"}));
  EXPECT_EQ(setter_ops,
            (std::vector<std::string>{"deadline_timer.async_wait", "deadline_timer.async_wait"}));
}

// (A handler the program calls itself: see the test below.)
INSTANTIATE_TEST_SUITE_P(AsioTrace, KeptHandlers,
                         ::testing::Values(Wake::post, Wake::post_to_io_executor,
                                           Wake::dispatch_inline),
                         [](const ::testing::TestParamInfo<Wake>& info) {
                           switch (info.param) {
                             case Wake::post:
                               return std::string("Posted");
                             case Wake::post_to_io_executor:
                               return std::string("PostedToTheIoContext");
                             case Wake::dispatch_inline:
                               return std::string("DispatchedInline");
                             case Wake::call_directly:
                               return std::string("CalledDirectly");
                           }
                           return std::string("Unknown");
                         });

// A handler the program calls itself resumes its task where no hook sees: the drop-in
// co_spawn still reports the task's end, at that moment; Asio's own leaves it unknown (shown
// suspended, and not reported lost).
TEST_F(AsioTrace, AHandlerCalledByTheProgramEndsADropInTaskAndLeavesAnotherUnknown) {
  {
    asio::io_context io;
    Event event(Wake::call_directly, io);
    coscope::co_spawn(io, waits_then_returns(event), asio::detached);
    asio::co_spawn(io, waits_then_returns(event), asio::detached);
    asio::co_spawn(io, sets_the_event(event), asio::detached);
    io.run();
  }
  auto trace = finish();
  auto returners = trace.named("waits_then_returns");
  auto setter = trace.named("sets_the_event");
  ASSERT_EQ(returners.size(), 2u);
  ASSERT_EQ(setter.size(), 1u);
  const TracedTask& drop_in = *returners[0];  // spawned first
  const TracedTask& plain = *returners[1];
  ASSERT_LT(drop_in.spawn.task, plain.spawn.task);
  EXPECT_TRUE(drop_in.completed()) << drop_in.kinds();
  EXPECT_GT(end_time(drop_in), setter[0]->events[1].time + 15'000'000) << drop_in.kinds();
  EXPECT_FALSE(plain.completed()) << plain.kinds();
  EXPECT_FALSE(plain.lost()) << plain.kinds();
  EXPECT_TRUE(setter[0]->completed()) << setter[0]->kinds();
}

TEST_F(AsioTrace, ATaskWhoseLastAwaitCompletesInlineEndsThere) {
  auto trace = run_alone(hops_home_last());
  auto tasks = trace.named("hops_home_last");
  ASSERT_EQ(tasks.size(), 1u);
  // No suspension for the dispatch: it did not suspend.
  EXPECT_EQ(tasks[0]->kinds(), "spawn resume suspend end wake resume end complete");
}

}  // namespace
