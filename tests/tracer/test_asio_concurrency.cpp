// Real Asio programs: loopback TCP echo, gather with awaitable operators, exceptions through
// the drop-in co_spawn, cancellation, io_context destroyed with tasks pending, several threads
// and strands.
#include <algorithm>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/experimental/channel.hpp>
#include <boost/asio/experimental/concurrent_channel.hpp>
#include <memory>
#include <set>
#include <thread>

#include "asio_fixture.hpp"
#include "coscope/asio/co_spawn.hpp"

namespace asio = boost::asio;
using asio::awaitable;
using asio::use_awaitable;
using asio::ip::tcp;
using coscope::format::CompletionStatus;
using coscope::format::RecordKind;
using coscope::testing::AsioTrace;
using coscope::testing::TracedTask;

namespace {

bool awaited(const TracedTask& t, const std::string& op) {
  for (const auto& e : t.events)
    if (e.kind == RecordKind::task_suspend && e.operation == op) return true;
  return false;
}

const coscope::testing::TaskEvent& last(const TracedTask& t) {
  return t.events.back();
}

awaitable<void> echo_session(tcp::socket socket) {
  char data[64];
  for (;;) {
    boost::system::error_code ec;
    std::size_t n = co_await socket.async_read_some(asio::buffer(data),
                                                    asio::redirect_error(use_awaitable, ec));
    if (ec) co_return;
    co_await asio::async_write(socket, asio::buffer(data, n), use_awaitable);
  }
}

awaitable<void> echo_listener(tcp::acceptor& acceptor, int sessions) {
  for (int i = 0; i < sessions; ++i) {
    tcp::socket s = co_await acceptor.async_accept(use_awaitable);
    asio::co_spawn(acceptor.get_executor(), echo_session(std::move(s)), asio::detached);
  }
}

awaitable<void> echo_client(tcp::endpoint to, int rounds) {
  tcp::socket s(co_await asio::this_coro::executor);
  co_await s.async_connect(to, use_awaitable);
  char buf[5];
  for (int i = 0; i < rounds; ++i) {
    co_await asio::async_write(s, asio::buffer("ping", 5), use_awaitable);
    co_await asio::async_read(s, asio::buffer(buf), use_awaitable);
  }
}

awaitable<int> slow_value(int ms, int v) {
  asio::steady_timer t(co_await asio::this_coro::executor, std::chrono::milliseconds(ms));
  co_await t.async_wait(use_awaitable);
  co_return v;
}

awaitable<void> gatherer() {
  using namespace asio::experimental::awaitable_operators;
  auto [a, b] = co_await (slow_value(2, 1) && slow_value(4, 2));
  if (a + b != 3) throw std::logic_error("bad sum");
  asio::steady_timer t(co_await asio::this_coro::executor, std::chrono::milliseconds(1));
  co_await t.async_wait(use_awaitable);
}

awaitable<void> failing(int ms) {
  asio::steady_timer t(co_await asio::this_coro::executor, std::chrono::milliseconds(ms));
  co_await t.async_wait(use_awaitable);
  throw std::runtime_error("disk on fire");
}

awaitable<void> catching() {
  try {
    co_await failing(1);
  } catch (const std::exception&) {
  }
}

awaitable<void> waits_forever(asio::steady_timer& timer) {
  co_await timer.async_wait(use_awaitable);
}

awaitable<void> cancelled_wait(asio::steady_timer& timer) {
  boost::system::error_code ec;
  co_await timer.async_wait(asio::redirect_error(use_awaitable, ec));
}

awaitable<void> ping_pong(int rounds) {
  auto ex = co_await asio::this_coro::executor;
  asio::steady_timer timer(ex);
  for (int i = 0; i < rounds; ++i) {
    co_await asio::post(ex, use_awaitable);
    timer.expires_after(std::chrono::microseconds(200));
    co_await timer.async_wait(use_awaitable);
  }
}

awaitable<void> awaits_a_spawned_child() {
  auto ex = co_await asio::this_coro::executor;
  int v = co_await asio::co_spawn(ex, slow_value(2, 7), use_awaitable);
  // Resumed inline by the child's completion: everything from here is the parent's.
  asio::steady_timer t(ex, std::chrono::milliseconds(1));
  co_await t.async_wait(asio::deferred);
  if (v == 7) throw std::runtime_error("after the child");
}

awaitable<void> awaits_a_child_then_returns(int& result) {
  // Resumed inline by the child's end, it returns at once: no hook sees any of it.
  result =
      co_await asio::co_spawn(co_await asio::this_coro::executor, slow_value(1, 5), use_awaitable);
}

template <typename Channel>
awaitable<void> producer(Channel& ch, int values) {
  for (int i = 0; i < values; ++i)
    co_await ch.async_send(boost::system::error_code{}, i, use_awaitable);
  ch.close();
}

// Each value is followed by a timer wait of the consumer's own: work that must never be
// charged to the producer whose async_send handed the value over.
template <typename Channel>
awaitable<void> consumer(Channel& ch, std::atomic<int>& received) {
  for (;;) {
    auto [ec, v] = co_await ch.async_receive(asio::as_tuple(use_awaitable));
    if (ec) co_return;
    received += v >= 0;
    asio::steady_timer t(co_await asio::this_coro::executor, std::chrono::microseconds(100));
    co_await t.async_wait(use_awaitable);
  }
}

// Strictly alternating resume and end: the task never runs on two threads at once.
void expect_one_resume_at_a_time(const TracedTask& t) {
  int running = 0;
  for (const auto& e : t.events) {
    if (e.kind == RecordKind::task_resume) {
      EXPECT_EQ(++running, 1) << "resumed while running, at " << e.time << " on " << e.thread;
    }
    if (e.kind == RecordKind::resume_end) {
      EXPECT_EQ(--running, 0) << "ended twice, at " << e.time << " on " << e.thread;
    }
  }
  EXPECT_EQ(running, 0) << t.kinds();
}

int count_suspends(const TracedTask& t, const std::string& op) {
  return static_cast<int>(std::count_if(t.events.begin(), t.events.end(), [&](const auto& e) {
    return e.kind == RecordKind::task_suspend && e.operation == op;
  }));
}

// A channel completes the receiver's wait inside the sender's async_send (Asio invokes the
// receive operation there, and that invocation posts the receiver's handler).
// `received`: values all consumers received (closing a buffered channel drops what it holds).
void expect_channel_hand_offs(const coscope::testing::Trace& trace, int pairs, int values,
                              int received) {
  auto consumers = trace.named("consumer");
  auto producers = trace.named("producer");
  ASSERT_EQ(consumers.size(), static_cast<std::size_t>(pairs));
  ASSERT_EQ(producers.size(), static_cast<std::size_t>(pairs));
  int timer_waits = 0;
  for (const TracedTask* c : consumers) {
    ASSERT_TRUE(c->completed()) << c->kinds();
    timer_waits += count_suspends(*c, "deadline_timer.async_wait");
    // One receive per value (a buffered channel may have it ready), and the one that sees
    // the channel closed.
    EXPECT_LE(count_suspends(*c, "channel.async_receive"), values + 1) << c->kinds();
    EXPECT_EQ(c->events.back().kind, RecordKind::task_complete);
    expect_one_resume_at_a_time(*c);
  }
  EXPECT_EQ(timer_waits, received);
  for (const TracedTask* p : producers) {
    ASSERT_TRUE(p->completed()) << p->kinds();
    EXPECT_EQ(count_suspends(*p, "deadline_timer.async_wait"), 0) << p->kinds();
    EXPECT_GE(count_suspends(*p, "channel.async_send"), 1) << p->kinds();
  }
}

using Strand = asio::strand<asio::io_context::executor_type>;

// Hops between two strands and the bare io_context, by post, dispatch and a timer whose
// handler is bound to a strand.
awaitable<void> hopper(Strand a, Strand b, asio::io_context& io, int rounds) {
  asio::steady_timer timer(io);
  for (int i = 0; i < rounds; ++i) {
    co_await asio::post(a, use_awaitable);
    co_await asio::dispatch(b, use_awaitable);
    co_await asio::post(io.get_executor(), use_awaitable);
    timer.expires_after(std::chrono::microseconds(50));
    co_await timer.async_wait(asio::bind_executor(a, use_awaitable));
    co_await asio::dispatch(io.get_executor(), use_awaitable);
  }
}

}  // namespace

TEST_F(AsioTrace, TasksHoppingBetweenStrandsOnFourThreads) {
  // A strand runs its queue from an operation of its own (its invoker), posted by whichever
  // task found the strand idle: that operation is no task's, or that task would seem to run
  // wherever the strand runs other tasks' handlers.
  constexpr int kTasks = 16;
  constexpr int kRounds = 100;
  {
    asio::io_context io;
    std::vector<Strand> strands;
    for (int i = 0; i < 4; ++i) strands.push_back(asio::make_strand(io));
    for (int i = 0; i < kTasks; ++i) {
      asio::any_io_executor ex = i % 2 == 0 ? asio::any_io_executor(io.get_executor())
                                            : asio::any_io_executor(strands[i % 4]);
      asio::co_spawn(ex, hopper(strands[i % 4], strands[(i + 1) % 4], io, kRounds), asio::detached);
    }
    std::vector<std::thread> threads;
    for (int i = 0; i < 4; ++i) threads.emplace_back([&] { io.run(); });
    for (auto& t : threads) t.join();
  }
  auto trace = finish();
  auto tasks = trace.named("hopper");
  ASSERT_EQ(tasks.size(), static_cast<std::size_t>(kTasks));
  for (const TracedTask* t : tasks) {
    ASSERT_TRUE(t->completed()) << t->kinds();
    EXPECT_EQ(count_suspends(*t, "deadline_timer.async_wait"), kRounds);
    // Every resume but the last ends in a suspension: none is a strand running others' work.
    for (std::size_t i = 1; i + 2 < t->events.size(); ++i)
      if (t->events[i].kind == RecordKind::resume_end) {
        ASSERT_EQ(t->events[i - 1].kind, RecordKind::task_suspend)
            << "a resume without a suspension, ended at " << t->events[i].time;
      }
    expect_one_resume_at_a_time(*t);
  }
}

TEST_F(AsioTrace, ChannelHandsValuesFromProducerToConsumer) {
  constexpr int kValues = 20;
  std::atomic<int> received = 0;
  {
    asio::io_context io;
    asio::experimental::channel<void(boost::system::error_code, int)> ch(io, 0);
    asio::co_spawn(io, consumer(ch, received), asio::detached);
    asio::co_spawn(io, producer(ch, kValues), asio::detached);
    io.run();
  }
  EXPECT_EQ(received, kValues);
  auto trace = finish();
  expect_channel_hand_offs(trace, 1, kValues, received);
}

TEST_F(AsioTrace, ConcurrentChannelsOnFourThreads) {
  constexpr int kPairs = 16;
  constexpr int kValues = 20;
  std::atomic<int> received = 0;
  {
    asio::io_context io;
    using Channel = asio::experimental::concurrent_channel<void(boost::system::error_code, int)>;
    std::vector<std::unique_ptr<Channel>> channels;
    for (int i = 0; i < kPairs; ++i) {
      // Unbuffered and buffered: a buffered send completes without a waiting receiver.
      channels.push_back(std::make_unique<Channel>(io, i % 2 == 0 ? 0 : 4));
      asio::co_spawn(io, consumer(*channels.back(), received), asio::detached);
      asio::co_spawn(io, producer(*channels.back(), kValues), asio::detached);
    }
    std::vector<std::thread> threads;
    for (int i = 0; i < 4; ++i) threads.emplace_back([&] { io.run(); });
    for (auto& t : threads) t.join();
  }
  EXPECT_GE(received, kPairs / 2 * kValues);  // the unbuffered ones hand every value over
  auto trace = finish();
  expect_channel_hand_offs(trace, kPairs, kValues, received);
}

TEST_F(AsioTrace, ParentThatReturnsRightAfterItsAwaitedChildStillResumes) {
  int result = 0;
  {
    asio::io_context io;
    asio::co_spawn(io, awaits_a_child_then_returns(result), asio::detached);
    io.run();
  }
  EXPECT_EQ(result, 5);
  auto trace = finish();
  auto parents = trace.named("awaits_a_child_then_returns");
  ASSERT_EQ(parents.size(), 1u);
  EXPECT_EQ(parents[0]->kinds(), "spawn resume suspend end wake resume end complete");
}

TEST_F(AsioTrace, AwaitedCoSpawnResumesItsParent) {
  auto trace = run_alone(awaits_a_spawned_child());
  auto parents = trace.named("awaits_a_spawned_child");
  ASSERT_EQ(parents.size(), 1u);
  const TracedTask& p = *parents[0];
  auto children = trace.children_of(p.spawn.task);
  ASSERT_EQ(children.size(), 1u);
  const TracedTask& child = *children[0];
  ASSERT_TRUE(child.completed()) << child.kinds();
  // The parent: spawn, runs, awaits the child; then resumes (unseen by Asio's hooks), awaits
  // its timer (a deferred operation, which has no LOCATION: the tracer must know it is the
  // parent running), resumes, throws, completes.
  std::vector<std::string> awaits;
  for (const auto& e : p.events)
    if (e.kind == RecordKind::task_suspend) awaits.push_back(e.operation);
  EXPECT_EQ(awaits, (std::vector<std::string>{"await.untracked", "deadline_timer.async_wait"}))
      << p.kinds();
  // The child awaited its own timer once; the parent's is not the child's.
  EXPECT_EQ(std::count_if(child.events.begin(), child.events.end(),
                          [](const auto& e) { return e.kind == RecordKind::task_suspend; }),
            1)
      << child.kinds();
  EXPECT_TRUE(p.completed()) << p.kinds();
  bool thrown_by_parent = false;
  for (const auto& r : trace.findings)
    if (const auto* e = std::get_if<coscope::format::ExceptionThrown>(&r))
      thrown_by_parent |=
          e->task == p.spawn.task && trace.strings.at(e->type) == "std::runtime_error";
  EXPECT_TRUE(thrown_by_parent);
}

TEST_F(AsioTrace, TcpEchoOverLoopback) {
  {
    asio::io_context io;
    tcp::acceptor acceptor(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
    asio::co_spawn(io, echo_listener(acceptor, 3), asio::detached);
    for (int i = 0; i < 3; ++i)
      asio::co_spawn(io, echo_client(acceptor.local_endpoint(), 20), asio::detached);
    io.run();
  }
  auto trace = finish();
  auto listeners = trace.named("echo_listener");
  ASSERT_EQ(listeners.size(), 1u);
  auto sessions = trace.children_of(listeners[0]->spawn.task);
  ASSERT_EQ(sessions.size(), 3u);
  for (const TracedTask* s : sessions) {
    EXPECT_NE(s->name.find("echo_session"), std::string::npos);
    EXPECT_TRUE(awaited(*s, "socket.async_receive")) << s->kinds();
    EXPECT_TRUE(s->completed()) << s->kinds();
  }
  EXPECT_TRUE(awaited(*listeners[0], "socket.async_accept"));
  auto clients = trace.named("echo_client");
  ASSERT_EQ(clients.size(), 3u);
  for (const TracedTask* c : clients) {
    EXPECT_TRUE(awaited(*c, "socket.async_connect"));
    EXPECT_TRUE(awaited(*c, "socket.async_send"));
    EXPECT_TRUE(c->completed()) << c->kinds();
  }
}

TEST_F(AsioTrace, GatherWithAwaitableOperators) {
  auto trace = run_alone(gatherer());
  auto g = trace.named("gatherer");
  ASSERT_EQ(g.size(), 1u);
  auto children = trace.children_of(g[0]->spawn.task);
  EXPECT_EQ(children.size(), 2u);
  for (const TracedTask* c : children) EXPECT_TRUE(c->completed()) << c->kinds();
  // The parent waits on its children (no Asio handler of its own), then on its timer, and
  // completes only after that.
  EXPECT_TRUE(awaited(*g[0], "deadline_timer.async_wait")) << g[0]->kinds();
  EXPECT_TRUE(g[0]->completed()) << g[0]->kinds();
  EXPECT_GT(last(*g[0]).time, last(*children[0]).time);
}

TEST_F(AsioTrace, DetachedFailureIsRecordedAsLostWithTheDropInCoSpawn) {
  {
    asio::io_context io;
    coscope::co_spawn(io, failing(1), asio::detached);
    coscope::co_spawn(io, catching(), asio::detached);
    io.run();
  }
  auto trace = finish();
  auto f = trace.named("failing");
  ASSERT_EQ(f.size(), 1u) << "the caught failure runs inside catching(), not as a task";
  const auto& end = last(*f[0]);
  EXPECT_EQ(end.kind, RecordKind::task_complete) << f[0]->kinds();
  EXPECT_EQ(end.status, CompletionStatus::lost_exception);
  EXPECT_EQ(end.exception_type, "std::runtime_error");
  EXPECT_EQ(end.message, "disk on fire");
  EXPECT_NE(f[0]->spawn.location, 0u) << "the drop-in records its caller's file:line";
  auto c = trace.named("catching");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(last(*c[0]).kind, RecordKind::task_complete);
  EXPECT_EQ(last(*c[0]).status, CompletionStatus::ok);
  bool lost_exception_event = false;
  for (const auto& r : trace.findings)
    if (auto* e = std::get_if<coscope::format::ExceptionThrown>(&r))
      lost_exception_event |= e->fate == coscope::format::ExceptionFate::lost;
  EXPECT_TRUE(lost_exception_event);
}

TEST_F(AsioTrace, ExceptionReceivedByTheTokenIsNotLost) {
  std::exception_ptr received;
  {
    asio::io_context io;
    coscope::co_spawn(io, failing(1), [&](std::exception_ptr e) { received = e; });
    io.run();
  }
  EXPECT_TRUE(received);
  auto trace = finish();
  auto f = trace.named("failing");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(last(*f[0]).status, CompletionStatus::exception);
}

TEST_F(AsioTrace, CancelledAndAbandonedTasks) {
  {
    asio::io_context io;
    asio::steady_timer cancelled(io, std::chrono::hours(1));
    asio::steady_timer forever(io, std::chrono::hours(1));
    asio::co_spawn(io, cancelled_wait(cancelled), asio::detached);
    asio::co_spawn(io, waits_forever(forever), asio::detached);
    asio::steady_timer stopper(io, std::chrono::milliseconds(5));
    stopper.async_wait([&](auto) {
      cancelled.cancel();
      asio::post(io, [&] { io.stop(); });
    });
    io.run();
  }  // io_context destroyed with waits_forever still suspended
  auto trace = finish();
  auto c = trace.named("cancelled_wait");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0]->kinds(), "spawn resume suspend end wake resume end complete");
  auto w = trace.named("waits_forever");
  ASSERT_EQ(w.size(), 1u);
  EXPECT_EQ(w[0]->kinds(), "spawn resume suspend end destroyed complete");
  EXPECT_EQ(w[0]->events[1].operation, "deadline_timer.async_wait");
  EXPECT_EQ(last(*w[0]).status, CompletionStatus::cancelled);
}

TEST_F(AsioTrace, TaskStillSuspendedAtStopIsLost) {
  asio::io_context io;
  asio::steady_timer forever(io, std::chrono::hours(1));
  asio::co_spawn(io, waits_forever(forever), asio::detached);
  io.run_for(std::chrono::milliseconds(5));
  auto trace = finish();  // stop() while the io_context still holds the task
  auto w = trace.named("waits_forever");
  ASSERT_EQ(w.size(), 1u);
  EXPECT_TRUE(w[0]->lost()) << w[0]->kinds();
}

TEST_F(AsioTrace, IoContextRunOnFourThreadsWithStrands) {
  constexpr int kTasks = 64;
  {
    asio::io_context io;
    for (int i = 0; i < kTasks; ++i) {
      if (i % 2 == 0)
        asio::co_spawn(io, ping_pong(20), asio::detached);
      else
        asio::co_spawn(asio::make_strand(io), ping_pong(20), asio::detached);
    }
    std::vector<std::thread> threads;
    for (int i = 0; i < 4; ++i) threads.emplace_back([&] { io.run(); });
    for (auto& t : threads) t.join();
  }
  auto trace = finish();
  auto tasks = trace.named("ping_pong");
  ASSERT_EQ(tasks.size(), static_cast<std::size_t>(kTasks));
  std::set<std::uint32_t> threads;
  for (const TracedTask* t : tasks) {
    EXPECT_TRUE(t->completed()) << t->kinds();
    // Per task: strictly alternating resume/end, one thread at a time.
    int running = 0;
    for (const auto& e : t->events) {
      if (e.kind == RecordKind::task_resume) {
        EXPECT_EQ(++running, 1) << t->kinds();
        threads.insert(e.thread);
      }
      if (e.kind == RecordKind::resume_end) {
        EXPECT_EQ(--running, 0) << t->kinds();
      }
    }
    EXPECT_EQ(running, 0);
  }
  EXPECT_GT(threads.size(), 1u);
}

TEST_F(AsioTrace, AwaitableOperatorsOnFourThreads) {
  // Each parent's children run on any of the threads; the last one to complete resumes its
  // parent inline (no Asio hook), possibly while the other child ends on another thread.
  constexpr int kParents = 48;
  {
    asio::io_context io;
    for (int i = 0; i < kParents; ++i) asio::co_spawn(io, gatherer(), asio::detached);
    std::vector<std::thread> threads;
    for (int i = 0; i < 4; ++i) threads.emplace_back([&] { io.run(); });
    for (auto& t : threads) t.join();
  }
  auto trace = finish();
  auto parents = trace.named("gatherer");
  ASSERT_EQ(parents.size(), static_cast<std::size_t>(kParents));
  for (const TracedTask* g : parents) {
    auto children = trace.children_of(g->spawn.task);
    ASSERT_EQ(children.size(), 2u) << g->kinds();
    int untracked = 0;
    for (const auto& e : g->events)
      untracked += e.kind == RecordKind::task_suspend && e.operation == "await.untracked";
    EXPECT_EQ(untracked, 1) << g->kinds();
    EXPECT_TRUE(awaited(*g, "deadline_timer.async_wait")) << g->kinds();
    ASSERT_TRUE(g->completed()) << g->kinds();
    for (const TracedTask* c : children) {
      EXPECT_TRUE(c->completed()) << c->kinds();
      EXPECT_GE(last(*g).time, last(*c).time);
    }
    expect_one_resume_at_a_time(*g);
  }
}

// An executor that hands work to another one, the first time keeping its caller busy for a
// while after (as an executor that logs or measures might). Small enough for any_io_executor to
// hold it inline: a shared target's reference count is one TSan cannot follow in Asio.
template <typename Inner>
struct busy_once_executor {
  Inner inner;
  std::atomic<bool>* busy;  // set: the next execute() sleeps

  template <typename F>
  void execute(F&& f) const {
    inner.execute(std::forward<F>(f));
    if (busy->exchange(false)) std::this_thread::sleep_for(std::chrono::milliseconds(30));
  }
  template <typename Property>
  auto query(const Property& p) const -> decltype(asio::query(inner, p)) {
    return asio::query(inner, p);
  }
  template <typename Property>
  auto require(const Property& p) const
      -> busy_once_executor<std::decay_t<decltype(asio::require(inner, p))>> {
    return {asio::require(inner, p), busy};
  }
  template <typename Property>
  auto prefer(const Property& p) const
      -> busy_once_executor<std::decay_t<decltype(asio::prefer(inner, p))>> {
    return {asio::prefer(inner, p), busy};
  }
  bool operator==(const busy_once_executor& other) const noexcept {
    return inner == other.inner && busy == other.busy;
  }
};

awaitable<int> returns_at_once() {
  co_return 1;
}

template <typename Executor>
awaitable<void> awaits_a_child_started_slowly(Executor child_executor) {
  int v = co_await asio::co_spawn(child_executor, returns_at_once(), use_awaitable);
  asio::steady_timer t(co_await asio::this_coro::executor, std::chrono::milliseconds(300 * v));
  co_await t.async_wait(use_awaitable);
}

TEST_F(AsioTrace, ATaskResumedElsewhereWhileItsThreadStillStartsWhatItAwaits) {
  // The child runs on the pool and its end resumes the task on the io_context's other thread,
  // while the thread that suspended it is still inside co_spawn (the executor's execute()):
  // the task's resume there must have ended at its suspension, not when that thread gets out.
  std::atomic<bool> busy{true};
  asio::thread_pool pool(1);
  {
    asio::io_context io;
    busy_once_executor<asio::thread_pool::executor_type> child_executor{pool.get_executor(), &busy};
    asio::co_spawn(io, awaits_a_child_started_slowly(child_executor), asio::detached);
    std::vector<std::thread> threads;
    for (int i = 0; i < 2; ++i) threads.emplace_back([&] { io.run(); });
    for (auto& t : threads) t.join();
  }
  pool.join();
  auto trace = finish();
  auto tasks = trace.named("awaits_a_child_started_slowly");
  ASSERT_EQ(tasks.size(), 1u);
  const TracedTask& t = *tasks[0];
  EXPECT_EQ(count_suspends(t, "await.untracked"), 1) << t.kinds();
  EXPECT_TRUE(awaited(t, "deadline_timer.async_wait")) << t.kinds();
  EXPECT_TRUE(t.completed()) << t.kinds();
  expect_one_resume_at_a_time(t);
  auto children = trace.children_of(t.spawn.task);
  ASSERT_EQ(children.size(), 1u);
  EXPECT_TRUE(children[0]->completed()) << children[0]->kinds();
  expect_one_resume_at_a_time(*children[0]);
  std::set<std::uint32_t> threads;
  for (const auto& e : t.events)
    if (e.kind == RecordKind::task_resume) threads.insert(e.thread);
  EXPECT_GE(threads.size(), 2u) << "resumed on both of the io_context's threads";
}
