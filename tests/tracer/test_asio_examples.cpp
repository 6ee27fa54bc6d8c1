// Asio's own C++20 examples, compiled unmodified against coscope::tracer (see CMakeLists.txt),
// run with COSCOPE_TRACE set, driven over loopback, stopped with SIGTERM; their traces read back.
#include <gtest/gtest.h>
#include <unistd.h>

#include "child_process.hpp"
#include "trace_model.hpp"

using coscope::format::RecordKind;
using namespace coscope::testing;

namespace {

struct ExampleRun {
  Trace trace;
  int exit_status = 0;
};

// The echo servers listen on the fixed port 55555 (ctest runs these tests serially).
ExampleRun run_echo_server(const std::string& binary, const std::string& name) {
  std::string path = ::testing::TempDir() + "coscope_example_" + name + "_" +
                     std::to_string(::getpid()) + ".cotrace";
  pid_t pid = spawn_process({binary}, {"COSCOPE_TRACE=" + path});
  for (int client = 0; client < 3; ++client) {
    int fd = connect_loopback(55555);
    EXPECT_GE(fd, 0) << name << " does not accept";
    if (fd < 0) break;
    for (int i = 0; i < 5; ++i)
      EXPECT_EQ(round_trip(fd, "hello " + std::to_string(i)), "hello " + std::to_string(i));
    ::close(fd);
  }
  usleep(50'000);  // let the sessions see their clients leave
  ExampleRun run;
  run.exit_status = finish_process(pid, true);
  run.trace = read_trace(path);
  for (const auto& p : run.trace.problems) ADD_FAILURE() << name << ": " << p;
  return run;
}

bool awaited(const TracedTask& t, const std::string& op) {
  for (const auto& e : t.events)
    if (e.kind == RecordKind::task_suspend && e.operation == op) return true;
  return false;
}

int times_awaited(const TracedTask& t, const std::string& op) {
  int n = 0;
  for (const auto& e : t.events) n += e.kind == RecordKind::task_suspend && e.operation == op;
  return n;
}

std::string first_awaited(const TracedTask& t) {
  for (const auto& e : t.events)
    if (e.kind == RecordKind::task_suspend) return e.operation;
  return {};
}

void expect_echo_tree(const ExampleRun& run) {
  EXPECT_EQ(run.exit_status, 0);
  auto listeners = run.trace.named("listener");
  ASSERT_EQ(listeners.size(), 1u);
  EXPECT_TRUE(awaited(*listeners[0], "socket.async_accept"));
  // Still accepting at SIGTERM: main() destroys the io_context, which destroys the handler.
  const TaskEvent& end = listeners[0]->events.back();
  EXPECT_EQ(end.kind, RecordKind::task_complete) << listeners[0]->kinds();
  EXPECT_EQ(end.status, coscope::format::CompletionStatus::cancelled);
  auto sessions = run.trace.children_of(listeners[0]->spawn.task);
  ASSERT_EQ(sessions.size(), 3u);
  for (const TracedTask* s : sessions) {
    EXPECT_NE(s->name.find("echo"), std::string::npos) << s->name;
    // Its first read included: a session spawned by the listener runs inline up to it.
    EXPECT_EQ(first_awaited(*s), "socket.async_receive") << s->kinds();
    EXPECT_GE(times_awaited(*s, "socket.async_receive"), 6) << "5 round trips, then the end\n"
                                                            << s->kinds();
    EXPECT_TRUE(s->completed()) << "the client closed: the session ended\n" << s->kinds();
  }
  EXPECT_FALSE(run.trace.modules.empty());
  EXPECT_EQ(run.trace.dropped, 0u);
}

}  // namespace

TEST(AsioExamples, EchoServer) {
  expect_echo_tree(run_echo_server(COSCOPE_EXAMPLE_ECHO_SERVER, "echo_server"));
}

TEST(AsioExamples, RefactoredEchoServer) {
  ExampleRun run =
      run_echo_server(COSCOPE_EXAMPLE_REFACTORED_ECHO_SERVER, "refactored_echo_server");
  expect_echo_tree(run);
  // echo() awaits echo_once(): the awaiter chain shows both coroutines.
  bool nested = false;
  for (const auto& [id, t] : run.trace.tasks)
    for (const auto& e : t.events) {
      if (e.kind != RecordKind::task_suspend) continue;
      auto names = run.trace.awaiter_names(e.stack);
      nested |= names.size() >= 2 && names[0].find("echo_once") != std::string::npos &&
                names[1].find("echo(") != std::string::npos;
    }
  EXPECT_TRUE(nested);
}

TEST(AsioExamples, EchoServerWithDeferred) {
  // Awaits deferred operations: no use_awaitable LOCATION, the tracer still sees the handlers.
  expect_echo_tree(
      run_echo_server(COSCOPE_EXAMPLE_ECHO_SERVER_WITH_DEFERRED, "echo_server_with_deferred"));
}

TEST(AsioExamples, ChatServer) {
  std::string path = ::testing::TempDir() + "coscope_example_chat_server_" +
                     std::to_string(::getpid()) + ".cotrace";
  pid_t pid = spawn_process({COSCOPE_EXAMPLE_CHAT_SERVER, "55556"}, {"COSCOPE_TRACE=" + path});
  int a = connect_loopback(55556);
  int b = connect_loopback(55556);
  ASSERT_GE(a, 0);
  ASSERT_GE(b, 0);
  usleep(50'000);
  ASSERT_EQ(::write(a, "hi all\n", 7), 7);
  char buf[7];
  std::size_t got = 0;
  while (got < sizeof buf) {
    ssize_t n = ::read(b, buf + got, sizeof buf - got);
    ASSERT_GT(n, 0);
    got += static_cast<std::size_t>(n);
  }
  EXPECT_EQ(std::string(buf, 7), "hi all\n");
  ::close(a);
  ::close(b);
  usleep(50'000);
  EXPECT_EQ(finish_process(pid, true), 0);
  Trace trace = read_trace(path);
  for (const auto& p : trace.problems) ADD_FAILURE() << p;
  // Each session is two tasks, reader() and writer(); the writer waits on a timer used as
  // a condition variable.
  auto readers = trace.named("reader");
  auto writers = trace.named("writer");
  EXPECT_EQ(readers.size(), 2u);
  ASSERT_EQ(writers.size(), 2u);
  for (const TracedTask* w : writers) EXPECT_TRUE(awaited(*w, "deadline_timer.async_wait"));
  for (const TracedTask* r : readers) EXPECT_TRUE(awaited(*r, "socket.async_receive"));
}

TEST(AsioExamples, TimeoutWithAwaitableOperators) {
  // handle_connection() awaits `echo(...) && watchdog(...)`: a parallel group of two child
  // tasks. When the client leaves, echo() fails, the group cancels watchdog(), and the last
  // child's completion resumes handle_connection() inline — through no Asio hook — where the
  // operator throws multiple_exceptions, which the `detached` token drops.
  std::string path =
      ::testing::TempDir() + "coscope_example_timeout_" + std::to_string(::getpid()) + ".cotrace";
  pid_t pid = spawn_process({COSCOPE_EXAMPLE_TIMEOUT}, {"COSCOPE_TRACE=" + path});
  int fd = connect_loopback(54321);
  ASSERT_GE(fd, 0);
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(round_trip(fd, "ping " + std::to_string(i)), "ping " + std::to_string(i));
  ::close(fd);
  usleep(100'000);
  finish_process(pid, true);  // the example has no signal handler: SIGTERM ends it
  Trace trace = read_trace(path);
  for (const auto& p : trace.problems) ADD_FAILURE() << p;

  auto connections = trace.named("handle_connection");
  ASSERT_EQ(connections.size(), 1u);
  const TracedTask& parent = *connections[0];
  auto children = trace.children_of(parent.spawn.task);
  ASSERT_EQ(children.size(), 2u);
  EXPECT_NE(children[0]->name.find("echo"), std::string::npos) << children[0]->name;
  EXPECT_NE(children[1]->name.find("watchdog"), std::string::npos) << children[1]->name;
  // One suspension for the group (not one more for the spawn scope it ran inline in), then a
  // resume once the children are done.
  EXPECT_EQ(times_awaited(parent, "await.untracked"), 1) << parent.kinds();
  int resumes_after_children = 0;
  std::uint64_t children_done = 0;
  for (const TracedTask* c : children) {
    ASSERT_TRUE(c->completed()) << c->kinds();
    children_done = std::max(children_done, c->events.back().time);
  }
  std::uint64_t watchdog_resumed = 0;
  for (const auto& e : children[1]->events)
    if (e.kind == RecordKind::task_resume) watchdog_resumed = e.time;
  for (const auto& e : parent.events)
    resumes_after_children += e.kind == RecordKind::task_resume && e.time >= watchdog_resumed;
  EXPECT_EQ(resumes_after_children, 1) << parent.kinds();
  EXPECT_TRUE(parent.completed()) << parent.kinds();
  // The exception the operator throws is the parent's, and lost.
  bool lost_by_parent = false;
  for (const auto& r : trace.findings)
    if (const auto* e = std::get_if<coscope::format::ExceptionThrown>(&r)) {
      const std::string& type = trace.strings.at(e->type);
      if (type.find("multiple_exceptions") == std::string::npos) continue;
      EXPECT_EQ(e->task, parent.spawn.task) << "attributed to task " << e->task;
      lost_by_parent |= e->fate == coscope::format::ExceptionFate::lost;
    }
  EXPECT_TRUE(lost_by_parent);
}
