// Real Asio programs on one thread: timers, nested awaitables, fan-out, loopback TCP echo.
#include <boost/asio.hpp>

#include "asio_fixture.hpp"

namespace asio = boost::asio;
using asio::awaitable;
using asio::use_awaitable;
using coscope::testing::AsioTrace;
using coscope::testing::TracedTask;

namespace {

awaitable<void> sleeper(int ms) {
  asio::steady_timer timer(co_await asio::this_coro::executor, std::chrono::milliseconds(ms));
  co_await timer.async_wait(use_awaitable);
}

awaitable<int> innermost() {
  asio::steady_timer timer(co_await asio::this_coro::executor, std::chrono::milliseconds(1));
  co_await timer.async_wait(asio::use_awaitable_t<>{});
  co_return 7;
}
awaitable<int> middle() {
  co_return co_await innermost() + 1;
}
awaitable<int> outer_task() {
  co_return co_await middle() + 1;
}

awaitable<void> fan_out_child(int i) {
  co_await asio::post(co_await asio::this_coro::executor, use_awaitable);
  (void)i;
}
awaitable<void> fan_out_parent() {
  auto ex = co_await asio::this_coro::executor;
  for (int i = 0; i < 1000; ++i) asio::co_spawn(ex, fan_out_child(i), asio::detached);
  co_return;
}

// An initiation that creates two handlers: the timer wait the coroutine awaits, then a posted
// callback. The second is created after the task's suspension was recorded, in the same
// LOCATION scope, which then holds no reference to the task (the tracer finds it again).
template <typename Token>
auto async_wait_and_post(asio::steady_timer& timer, int& side, Token&& token) {
  return asio::async_initiate<Token, void(boost::system::error_code)>(
      [&timer, &side](auto handler) {
        timer.async_wait(std::move(handler));
        asio::post(timer.get_executor(), [&side] { ++side; });
      },
      token);
}

awaitable<void> two_handlers(int& side) {
  asio::steady_timer timer(co_await asio::this_coro::executor, std::chrono::milliseconds(2));
  co_await async_wait_and_post(timer, side, use_awaitable);
}

// A task spawned from a running task runs inline up to its first await (co_spawn's first
// dispatch is on its own thread); awaiting a `deferred` operation there creates the handler
// inside the spawn's LOCATION scope, with no scope of its own (Asio's echo_server_with_deferred
// does this in every session it spawns).
awaitable<void> awaits_deferred_timer(int ms) {
  asio::steady_timer timer(co_await asio::this_coro::executor, std::chrono::milliseconds(ms));
  co_await timer.async_wait(asio::deferred);
}
awaitable<void> spawns_inline_child() {
  asio::co_spawn(co_await asio::this_coro::executor, awaits_deferred_timer(20), asio::detached);
  co_await sleeper(1);
}

// `dispatch` onto the executor already running the task completes inline: the coroutine
// resumes inside the dispatch's initiation, with its LOCATION still open, and returns.
awaitable<void> hops_to_its_own_executor() {
  co_await asio::dispatch(co_await asio::this_coro::executor, use_awaitable);
}
awaitable<void> awaits_after_an_inline_dispatch() {
  co_await sleeper(1);  // running from io_context::run() from here on
  co_await hops_to_its_own_executor();
  asio::steady_timer timer(co_await asio::this_coro::executor, std::chrono::milliseconds(1));
  co_await timer.async_wait(asio::deferred);  // created inside that LOCATION, with no scope
  co_await hops_to_its_own_executor();        // and the task ends inside it
}

awaitable<void> leaves_a_child_behind() {
  co_await sleeper(1);
  asio::co_spawn(co_await asio::this_coro::executor, sleeper(30), asio::detached);
}

std::vector<std::string> operations(const TracedTask& t) {
  std::vector<std::string> out;
  for (const auto& e : t.events)
    if (e.kind == coscope::format::RecordKind::task_suspend) out.push_back(e.operation);
  return out;
}

}  // namespace

TEST_F(AsioTrace, TimerTaskLifeInOrder) {
  {
    asio::io_context io;
    asio::co_spawn(io, sleeper(5), asio::detached);
    io.run();
  }
  auto trace = finish();
  auto tasks = trace.named("sleeper");
  ASSERT_EQ(tasks.size(), 1u) << trace.tasks.size() << " tasks";
  const TracedTask& t = *tasks[0];
  EXPECT_EQ(t.kinds(), "spawn resume suspend end wake resume end complete");
  EXPECT_EQ(operations(t), std::vector<std::string>{"deadline_timer.async_wait"});
  EXPECT_EQ(t.spawn.parent, 0u);
  EXPECT_NE(t.spawn.stack, 0u);
  // The spawn stack names this test's body as the spawn site.
  bool found = false;
  for (const auto& f : trace.frame_names(t.spawn.stack))
    found |= f.find("TimerTaskLifeInOrder") != std::string::npos;
  EXPECT_TRUE(found);
  EXPECT_FALSE(trace.modules.empty());
}

TEST_F(AsioTrace, AnInlineFirstRunAwaitingADeferredOperationIsResumedAndSuspended) {
  auto trace = run_alone(spawns_inline_child());
  auto tasks = trace.named("awaits_deferred_timer");
  ASSERT_EQ(tasks.size(), 1u) << trace.tasks.size() << " tasks";
  const TracedTask& t = *tasks[0];
  // Its inline first run is seen at its first await: woken then, as the same run awaiting
  // with use_awaitable is (a resume that no hook saw begin).
  EXPECT_EQ(t.kinds(), "spawn wake resume suspend end wake resume end complete");
  EXPECT_EQ(operations(t), std::vector<std::string>{"deadline_timer.async_wait"});
  std::string names;
  for (const auto& [id, task] : trace.tasks) names += task.name + "\n";
  ASSERT_EQ(trace.named("spawns_inline_child").size(), 1u) << names;
  EXPECT_EQ(t.spawn.parent, trace.named("spawns_inline_child")[0]->spawn.task);
}

TEST_F(AsioTrace, AnOperationAfterADispatchThatRanInlineIsAwaitedByItsOwnCoroutine) {
  auto trace = run_alone(awaits_after_an_inline_dispatch());
  auto tasks = trace.named("awaits_after_an_inline_dispatch");
  ASSERT_EQ(tasks.size(), 1u);
  const TracedTask& t = *tasks[0];
  EXPECT_TRUE(t.completed()) << t.kinds();
  // The second timer wait: awaited by the task's own coroutine, not by the finished
  // hops_to_its_own_executor() whose dispatch scope was still open.
  const coscope::testing::TaskEvent* deferred = nullptr;
  int timers = 0;
  for (const auto& e : t.events)
    if (e.kind == coscope::format::RecordKind::task_suspend &&
        e.operation == "deadline_timer.async_wait" && ++timers == 2)
      deferred = &e;
  ASSERT_NE(deferred, nullptr) << t.kinds();
  auto names = trace.awaiter_names(deferred->stack);
  std::string chain;
  for (const auto& n : names) chain += n + " <- ";
  ASSERT_GE(names.size(), 2u) << chain;
  EXPECT_NE(names[0].find("awaits_after_an_inline_dispatch"), std::string::npos) << names[0];
  EXPECT_NE(names[1].find("co_spawn_entry_point"), std::string::npos) << names[1];
}

TEST_F(AsioTrace, ATaskThatReturnsCompletesBeforeTheChildItLeftDetached) {
  auto trace = run_alone(leaves_a_child_behind());
  auto parents = trace.named("leaves_a_child_behind");
  ASSERT_EQ(parents.size(), 1u);
  const TracedTask& p = *parents[0];
  auto children = trace.children_of(p.spawn.task);
  ASSERT_EQ(children.size(), 1u);
  const TracedTask& c = *children[0];
  ASSERT_TRUE(p.completed()) << p.kinds();
  ASSERT_TRUE(c.completed()) << c.kinds();
  EXPECT_EQ(p.kinds(), "spawn resume suspend end wake resume end complete");
  // At the end of its last resume, not 30 ms later with its child.
  EXPECT_LT(p.events.back().time + 15'000'000, c.events.back().time);
}

TEST_F(AsioTrace, ASecondHandlerOfTheAwaitedInitiationBelongsToTheTask) {
  int side = 0;
  {
    asio::io_context io;
    asio::co_spawn(io, two_handlers(side), asio::detached);
    io.run();
  }
  EXPECT_EQ(side, 1);
  auto trace = finish();
  auto tasks = trace.named("two_handlers");
  ASSERT_EQ(tasks.size(), 1u);
  const TracedTask& t = *tasks[0];
  // It suspends on the timer; the posted callback runs as part of the task (a resume of its
  // own) before the timer fires; the task then completes.
  EXPECT_EQ(operations(t), std::vector<std::string>{"deadline_timer.async_wait"});
  EXPECT_EQ(t.kinds(), "spawn resume suspend end wake resume end wake resume end complete");
}

TEST_F(AsioTrace, NestedAwaitablesThreeDeepFormTheAwaiterChain) {
  auto trace = run_alone(outer_task());
  auto tasks = trace.named("outer_task");
  ASSERT_EQ(tasks.size(), 1u);
  const TracedTask& t = *tasks[0];
  EXPECT_TRUE(t.completed());
  const coscope::testing::TaskEvent* suspend = nullptr;
  for (const auto& e : t.events)
    if (e.kind == coscope::format::RecordKind::task_suspend) suspend = &e;
  ASSERT_NE(suspend, nullptr);
  auto names = trace.awaiter_names(suspend->stack);
  ASSERT_GE(names.size(), 4u);
  EXPECT_NE(names[0].find("innermost"), std::string::npos) << names[0];
  EXPECT_NE(names[1].find("middle"), std::string::npos) << names[1];
  EXPECT_NE(names[2].find("outer_task"), std::string::npos) << names[2];
  EXPECT_NE(names[3].find("co_spawn_entry_point"), std::string::npos) << names[3];
  // use_awaitable_t<>{} written at the call site carries the source position.
}

TEST_F(AsioTrace, FanOutOfAThousandTasks) {
  auto trace = run_alone(fan_out_parent());
  auto parents = trace.named("fan_out_parent");
  ASSERT_EQ(parents.size(), 1u);
  auto children = trace.children_of(parents[0]->spawn.task);
  EXPECT_EQ(children.size(), 1000u);
  for (const TracedTask* c : children) {
    EXPECT_NE(c->name.find("fan_out_child"), std::string::npos) << c->name;
    EXPECT_TRUE(c->completed()) << c->kinds();
    EXPECT_EQ(operations(*c), std::vector<std::string>{"io_context.execute"});
  }
  EXPECT_TRUE(parents[0]->completed()) << parents[0]->kinds();
  EXPECT_EQ(trace.dropped, 0u);
}
