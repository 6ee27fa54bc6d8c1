// The runtime checks on a real program: each scenario of checks_program.cpp runs traced in a
// child process, and its findings are asserted with the task, the function names and the
// file:line of the symbolized stacks.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <set>
#include <thread>

#include "child.hpp"
#include "trace_model.hpp"

namespace fmt_ = coscope::format;
using coscope::testing::Environment;
using coscope::testing::Trace;

namespace {

const std::string kSource = COSCOPE_CHECKS_SOURCE;

std::string trace_path(const std::string& scenario) {
  return ::testing::TempDir() + "coscope_checks_" + scenario + "_" + std::to_string(::getpid()) +
         ".cotrace";
}

// Runs a scenario to its end and reads its trace; the child's wait status in `status`.
Trace run_scenario(const std::string& scenario, Environment env = {}, int* status = nullptr) {
  std::string path = trace_path(scenario);
  env.emplace_back("COSCOPE_TRACE", path);
  pid_t pid = coscope::testing::start_child(COSCOPE_CHECKS_PROGRAM, scenario, env);
  EXPECT_GT(pid, 0);
  int s = coscope::testing::wait_child(pid);
  if (status != nullptr)
    *status = s;
  else
    EXPECT_TRUE(WIFEXITED(s) && WEXITSTATUS(s) == 0) << scenario << " status " << s;
  return coscope::testing::read_trace(path);
}

template <typename R>
std::vector<R> findings(const Trace& trace) {
  std::vector<R> out;
  for (const fmt_::Record& r : trace.findings)
    if (const R* f = std::get_if<R>(&r)) out.push_back(*f);
  return out;
}

std::string text(const Trace& trace, fmt_::StringId id) {
  auto it = trace.strings.find(id);
  return it == trace.strings.end() ? std::string() : it->second;
}

struct Place {
  std::string function;
  std::string file;
  unsigned line = 0;
};

std::vector<Place> places(const Trace& trace, fmt_::StackId stack) {
  std::vector<Place> out;
  auto it = trace.stacks.find(stack);
  if (it == trace.stacks.end()) return out;
  // Every source frame of every address, inlined ones first, as the inspector shows them.
  for (std::uint64_t a : it->second.frames) {
    auto s = trace.symbols.find(a);
    if (s == trace.symbols.end()) continue;
    for (const fmt_::SymbolFrame& f : s->second.frames)
      out.push_back({text(trace, f.function), text(trace, f.file), f.line});
  }
  return out;
}

// The stack has a frame of `function` at checks_program.cpp, at the marked line (±slack).
::testing::AssertionResult has_frame(const Trace& trace, fmt_::StackId stack,
                                     const std::string& function, const std::string& marker,
                                     unsigned slack = 0) {
  unsigned line = coscope::testing::marked_line(kSource, marker);
  std::string seen;
  for (const Place& p : places(trace, stack)) {
    seen += "\n  " + p.function + " " + p.file + ":" + std::to_string(p.line);
    bool file = p.file.size() >= 18 && p.file.ends_with("checks_program.cpp");
    if (file && p.function.find(function) != std::string::npos && p.line + slack >= line &&
        p.line <= line + slack)
      return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure()
         << "no frame " << function << " at checks_program.cpp:" << line << " in stack " << stack
         << ":" << seen;
}

std::string task_name(const Trace& trace, fmt_::TaskId task) {
  auto it = trace.tasks.find(task);
  return it == trace.tasks.end() ? std::string() : it->second.name;
}

// The innermost awaiting coroutine of the program's own (Asio's initiate frame skipped).
std::string innermost_own_awaiter(const Trace& trace, fmt_::StackId stack) {
  for (const std::string& name : trace.awaiter_names(stack))
    if (name.rfind("boost::asio::", 0) != 0) return name;
  return {};
}

// Waits until the trace on disk holds at least `events` events (slow under sanitizers).
bool wait_for_events(const std::string& path, std::uint64_t events) {
  for (int i = 0; i < 200; ++i) {
    if (coscope::testing::read_trace(path).events >= events) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

void expect_clean(const Trace& trace) {
  for (const std::string& p : trace.problems) ADD_FAILURE() << p;
}

}  // namespace

TEST(BlockingCalls, SleepInsideACoroutine) {
  Trace trace = run_scenario("sleep");
  expect_clean(trace);
  auto calls = findings<fmt_::BlockingCall>(trace);
  ASSERT_EQ(calls.size(), 2u) << "only the sleeps: Asio's reactor calls are not findings";
  // std::this_thread::sleep_for reaches nanosleep through libstdc++.
  EXPECT_EQ(text(trace, calls[0].function), "nanosleep");
  EXPECT_EQ(text(trace, calls[1].function), "usleep");
  for (const auto& call : calls) {
    EXPECT_GE(call.duration_ns, 19'000'000u);
    EXPECT_NE(task_name(trace, call.task).find("sleeping_task"), std::string::npos);
  }
  // Both stacks name the user's line, also where std::this_thread::sleep_for was inlined into
  // the coroutine (its own frame then comes first, at the library header's line).
  EXPECT_TRUE(has_frame(trace, calls[0].stack, "sleeping_task", "sleep_for"));
  EXPECT_TRUE(has_frame(trace, calls[1].stack, "sleeping_task", "sleep"));
}

TEST(BlockingCalls, TheSanitizerRuntimesOwnCallsAreNotFindings) {
#if !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
  GTEST_SKIP() << "only a sanitizer build has a runtime that calls open() inside a task";
#endif
  // Before, the symbolizer's open() was recorded inside the report (and under TSan, with a
  // race report in progress, deadlocked there).
  Trace trace = run_scenario("sanitizer_stack");
  expect_clean(trace);
  auto calls = findings<fmt_::BlockingCall>(trace);
  ASSERT_EQ(calls.size(), 1u) << "the program's own open() only";
  EXPECT_EQ(text(trace, calls[0].function), "open");
  EXPECT_TRUE(has_frame(trace, calls[0].stack, "prints_a_sanitizer_stack", "open"));
}

TEST(BlockingCalls, ThrowsOnFourThreadsAtOnceDoNotDeadlockTheProgram) {
  // libunwind's lock, contended by the throws, reached the pthread_mutex_lock probe, which
  // captured a stack with libunwind while its caller held that lock: the program hung.
  std::string path = trace_path("concurrent_throws");
  pid_t pid = coscope::testing::start_child(COSCOPE_CHECKS_PROGRAM, "concurrent_throws",
                                            {{"COSCOPE_TRACE", path}});
  ASSERT_GT(pid, 0);
  int status = coscope::testing::wait_child(pid, std::chrono::seconds(30));
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "hung or failed: " << status;
  Trace trace = coscope::testing::read_trace(path);
  expect_clean(trace);
  for (const auto& call : findings<fmt_::BlockingCall>(trace))
    EXPECT_NE(text(trace, call.function), "pthread_mutex_lock") << "libunwind's own lock";
}

TEST(BlockingCalls, WorkOffloadedToAThreadPoolMayBlockAndRunLong) {
  Trace trace = run_scenario("offload", {{"COSCOPE_SLOW_MS", "20"}});
  expect_clean(trace);
  auto calls = findings<fmt_::BlockingCall>(trace);
  ASSERT_EQ(calls.size(), 1u) << "the sleep on the event loop only";
  EXPECT_EQ(text(trace, calls[0].function), "usleep");
  EXPECT_NE(task_name(trace, calls[0].task).find("offloads"), std::string::npos);
  EXPECT_TRUE(has_frame(trace, calls[0].stack, "offloads", "loop_sleep"));
  for (const auto& slow : findings<fmt_::SlowResume>(trace))
    EXPECT_EQ(task_name(trace, slow.task).find("offloaded_work"), std::string::npos)
        << "a slow resume of the offloaded work";
}

TEST(BlockingCalls, RepeatsAreDroppedAlsoWhenTasksTakeTurnsOnTheThread) {
  Trace trace = run_scenario("interleaved_sleeps");
  expect_clean(trace);
  auto calls = findings<fmt_::BlockingCall>(trace);
  EXPECT_EQ(calls.size(), 3u) << "one per task and call site within a second";
  std::set<fmt_::TaskId> tasks;
  for (const auto& call : calls) tasks.insert(call.task);
  EXPECT_EQ(tasks.size(), 3u);
}

TEST(BlockingCalls, ContendedMutexInsideACoroutine) {
  Trace trace = run_scenario("lock");
  expect_clean(trace);
  auto calls = findings<fmt_::BlockingCall>(trace);
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(text(trace, calls[0].function), "pthread_mutex_lock");
  EXPECT_GE(calls[0].duration_ns, 5'000'000u);
  EXPECT_NE(task_name(trace, calls[0].task).find("locking_task"), std::string::npos);
  EXPECT_TRUE(has_frame(trace, calls[0].stack, "locking_task", "lock"));
  // The finding costs the task's thread little beyond the wait: whether the call is allowed
  // (Asio's own, a COSCOPE_ALLOW rule) takes symbols, which the writer reads, not this thread
  // (libdw's first lookups in a module take tens of milliseconds, here after the lock returned).
  const auto& task = trace.tasks.at(calls[0].task);
  std::uint64_t resume = 0, longest = 0;
  for (const auto& e : task.events) {
    if (e.kind == coscope::format::RecordKind::task_resume) resume = e.time;
    if (e.kind == coscope::format::RecordKind::resume_end)
      longest = std::max(longest, e.time - resume);
  }
  EXPECT_LT(longest, calls[0].duration_ns + 8'000'000u) << task.kinds();
}

TEST(BlockingCalls, GetaddrinfoInsideACoroutine) {
  Trace trace = run_scenario("dns");
  expect_clean(trace);
  auto calls = findings<fmt_::BlockingCall>(trace);
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(text(trace, calls[0].function), "getaddrinfo");
  EXPECT_TRUE(has_frame(trace, calls[0].stack, "resolving_task", "dns"));
}

TEST(BlockingCalls, AllowScopeAndAllowRuleSilenceFindings) {
  Trace trace = run_scenario("allowed", {{"COSCOPE_ALLOW", "usleep@allowed_task"}});
  expect_clean(trace);
  EXPECT_TRUE(findings<fmt_::BlockingCall>(trace).empty());
  // Without the rule, the usleep is a finding (and the scoped sleep still is not).
  Trace without = run_scenario("allowed", {{"COSCOPE_ALLOW", ""}});
  auto calls = findings<fmt_::BlockingCall>(without);
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(text(without, calls[0].function), "usleep");
}

TEST(SlowResumes, BlockedResumeIsRecordedWithTheStuckStack) {
  Trace trace = run_scenario("stall");
  expect_clean(trace);
  auto slow = findings<fmt_::SlowResume>(trace);
  ASSERT_EQ(slow.size(), 1u);
  // The task spins 50 ms by std::chrono::steady_clock; the tracer times with its TSC clock,
  // calibrated against it to within a fraction of a percent (seen: 49.989 ms under TSan).
  EXPECT_GE(slow[0].duration_ns, 49'000'000u);
  EXPECT_LT(slow[0].duration_ns, 5'000'000'000u);
  EXPECT_NE(task_name(trace, slow[0].task).find("stalling_task"), std::string::npos);
  // Sampled while stuck: the spinning function, at its loop.
  EXPECT_TRUE(has_frame(trace, slow[0].stack, "spin_for", "spin", 1));
  EXPECT_TRUE(findings<fmt_::BlockingCall>(trace).empty());
}

// Eleven busy threads share the task's CPU: a resume computing 3 ms lasts ≈ 36 ms, of which
// the thread waited for the CPU most; one computing 25 ms stalls the loop itself. The wait is
// measured from the watchdog's first look at the resume, which a loaded machine can delay
// past the resume's end, and a hypervisor's stolen time is not a wait the kernel sees: a run
// that saw either, or where the scheduler did not stretch the short resume, is tried again
// (without the discount every run that stretches it reports both tasks).
TEST(SlowResumes, TimeWaitingForACpuDoesNotMakeAResumeSlow) {
  bool clean = false;
  for (int attempt = 0; attempt < 4 && !clean; ++attempt) {
    Trace trace = run_scenario("preempted", {{"COSCOPE_SLOW_MS", "20"}});
    expect_clean(trace);
    int cpu_bound = 0, preempted = 0;
    for (const auto& s : findings<fmt_::SlowResume>(trace)) {
      const std::string name = task_name(trace, s.task);
      if (name.find("cpu_bound_task") != std::string::npos) {
        ++cpu_bound;
        EXPECT_GE(s.duration_ns, 25'000'000u);
      } else {
        EXPECT_NE(name.find("preempted_task"), std::string::npos) << name;
        ++preempted;
      }
    }
    // A run shows something when the busy threads did stretch a resume past the threshold.
    std::uint64_t longest = 0;
    for (const auto& [id, task] : trace.tasks) {
      if (task.name.find("preempted_task") == std::string::npos) continue;
      std::uint64_t began = 0;
      for (const auto& e : task.events) {
        if (e.kind == fmt_::RecordKind::task_resume) began = e.time;
        if (e.kind == fmt_::RecordKind::resume_end || e.kind == fmt_::RecordKind::task_suspend)
          longest = std::max<std::uint64_t>(longest, e.time - began);
      }
    }
    // (Once, with the suite's other tests on the second CPU under TSan, the cpu-bound resume
    // went unreported too: that run is tried again as well.)
    clean = preempted == 0 && cpu_bound == 1 && longest >= 20'000'000u;
  }
  EXPECT_TRUE(clean) << "no run reported the cpu-bound resume alone while the other was "
                        "stretched by waiting for the CPU";
}

TEST(SlowResumes, ThresholdComesFromTheEnvironment) {
  Trace trace = run_scenario("stall", {{"COSCOPE_SLOW_MS", "500"}});
  EXPECT_TRUE(findings<fmt_::SlowResume>(trace).empty());
}

TEST(Exceptions, FateOfEachThrowInsideTasks) {
  Trace trace = run_scenario("exceptions");
  expect_clean(trace);
  auto thrown = findings<fmt_::ExceptionThrown>(trace);
  std::string seen;
  for (const auto& e : thrown)
    seen += text(trace, e.type) + " '" + e.message + "' fate " +
            std::to_string(static_cast<int>(e.fate)) + "\n";
  ASSERT_EQ(thrown.size(), 3u) << "one record per exception, none from the catch sites:\n" << seen;
  std::map<std::string, fmt_::ExceptionThrown> by_message;
  for (const auto& e : thrown) by_message[e.message] = e;
  ASSERT_EQ(by_message.size(), 3u);
  const auto& lost = by_message["lost on purpose"];
  EXPECT_EQ(lost.fate, fmt_::ExceptionFate::lost);
  EXPECT_EQ(text(trace, lost.type), "std::runtime_error");
  EXPECT_NE(task_name(trace, lost.task).find("detached_thrower"), std::string::npos);
  EXPECT_TRUE(has_frame(trace, lost.stack, "fail", "throw"));
  EXPECT_EQ(by_message["for the parent"].fate, fmt_::ExceptionFate::propagated);
  EXPECT_TRUE(has_frame(trace, by_message["for the parent"].stack, "fail", "throw"));
  EXPECT_EQ(by_message["caught here"].fate, fmt_::ExceptionFate::handled);
}

// Asio's own co_spawn: a detached task's exception is lost when its last reference goes; each
// catch finds its exception, thrown again at a reused address or caught as a base at an offset.
TEST(Exceptions, FatesWithAsiosOwnCoSpawn) {
  Trace trace = run_scenario("asio_exceptions");
  expect_clean(trace);
  std::map<std::string, std::vector<fmt_::ExceptionThrown>> by_message;
  for (const auto& e : findings<fmt_::ExceptionThrown>(trace)) by_message[e.message].push_back(e);
  ASSERT_EQ(by_message["dropped by detached"].size(), 1u);
  const auto& lost = by_message["dropped by detached"][0];
  EXPECT_EQ(lost.fate, fmt_::ExceptionFate::lost);
  EXPECT_NE(task_name(trace, lost.task).find("quietly_lost"), std::string::npos);
  ASSERT_EQ(by_message["before any await"].size(), 1u);
  EXPECT_EQ(by_message["before any await"][0].fate, fmt_::ExceptionFate::lost);
  EXPECT_NE(task_name(trace, by_message["before any await"][0].task).find("throws_at_once"),
            std::string::npos);
  ASSERT_EQ(by_message["again"].size(), 3u);
  for (const auto& e : by_message["again"]) EXPECT_EQ(e.fate, fmt_::ExceptionFate::handled);
  ASSERT_EQ(by_message["second base"].size(), 1u);
  EXPECT_EQ(by_message["second base"][0].fate, fmt_::ExceptionFate::handled);
  EXPECT_NE(text(trace, by_message["second base"][0].type).find("TaggedError"), std::string::npos);
  // Errors of use_awaitable operations (std::make_exception_ptr, first thrown when the
  // coroutine rethrows them): one refused connection dropped by `detached`, three caught, one
  // failed read caught.
  std::map<std::string, int> fates;  // "task fate"
  for (const auto& [message, list] : by_message)
    for (const auto& e : list)
      if (text(trace, e.type).find("system_error") != std::string::npos) {
        std::string task;
        for (const char* name :
             {"catching_everything", "refused_and_caught", "refused_and_dropped"})
          if (task_name(trace, e.task).find(name) != std::string::npos) task = name;
        ++fates[task + " " + std::to_string(static_cast<int>(e.fate))];
        if (task == "refused_and_dropped") {
          EXPECT_NE(message.find("refused"), std::string::npos) << message;
        }
      }
  const auto key = [](const char* task, fmt_::ExceptionFate fate) {
    return std::string(task) + " " + std::to_string(static_cast<int>(fate));
  };
  EXPECT_EQ(fates, (std::map<std::string, int>{
                       {key("catching_everything", fmt_::ExceptionFate::handled), 1},
                       {key("refused_and_caught", fmt_::ExceptionFate::handled), 3},
                       {key("refused_and_dropped", fmt_::ExceptionFate::lost), 1}}));
}

// exit() called from a task: that task is lost while running, the other one while waiting.
TEST(LostTasks, ATaskThatCallsExitIsLostWhileRunning) {
  Trace trace = run_scenario("exit_in_task");
  expect_clean(trace);
  auto exiting = trace.named("exits_the_program");
  auto waiting = trace.named("slow_operation");
  ASSERT_EQ(exiting.size(), 1u);
  ASSERT_EQ(waiting.size(), 1u);
  std::map<fmt_::TaskId, fmt_::LostReason> reasons;
  for (const auto& l : findings<fmt_::LostTask>(trace)) reasons[l.task] = l.reason;
  ASSERT_TRUE(reasons.count(exiting[0]->spawn.task));
  EXPECT_EQ(reasons[exiting[0]->spawn.task], fmt_::LostReason::running_at_exit);
  ASSERT_TRUE(reasons.count(waiting[0]->spawn.task));
  EXPECT_EQ(reasons[waiting[0]->spawn.task], fmt_::LostReason::pending_at_exit);
}

// The loser of `a || b` is cancelled and its error dropped by the operator, by design: its
// exception was delivered to the task awaiting it, not lost.
TEST(Exceptions, TheCancelledLoserOfATimeoutIsNotLost) {
  Trace trace = run_scenario("timeout");
  expect_clean(trace);
  auto thrown = findings<fmt_::ExceptionThrown>(trace);
  ASSERT_EQ(thrown.size(), 2u);
  const auto outer = trace.named("with_timeout_on_an_operation");
  ASSERT_EQ(outer.size(), 1u);
  int in_coroutine = 0, in_operation = 0;
  for (const auto& e : thrown) {
    EXPECT_NE(text(trace, e.type).find("system_error"), std::string::npos);
    EXPECT_EQ(e.fate, fmt_::ExceptionFate::propagated);
    if (task_name(trace, e.task).find("slow_operation") != std::string::npos) {
      ++in_coroutine;
    } else {
      // The operand task of `slow.async_wait(...)`, not the parent awaiting it.
      const auto task = trace.tasks.find(e.task);
      ASSERT_NE(task, trace.tasks.end());
      EXPECT_EQ(task->second.spawn.parent, outer[0]->spawn.task);
      ++in_operation;
    }
  }
  EXPECT_EQ(in_coroutine, 1);
  EXPECT_EQ(in_operation, 1);
}

#ifdef COSCOPE_HAVE_SPDLOG
TEST(SpdlogSink, MessagesTaggedWithTheirTask) {
  Trace trace = run_scenario("spdlog");
  expect_clean(trace);
  auto logs = findings<fmt_::LogRecord>(trace);
  ASSERT_EQ(logs.size(), 7u);
  std::map<fmt_::TaskId, int> per_task;
  for (const auto& l : logs) {
    EXPECT_EQ(text(trace, l.logger), "app");
    ++per_task[l.task];
    if (l.task == 0) {
      EXPECT_EQ(l.text, "outside any task");
      EXPECT_EQ(l.level, 2);
    } else {
      EXPECT_NE(task_name(trace, l.task).find("logging_task"), std::string::npos);
    }
  }
  EXPECT_EQ(per_task.size(), 4u);
  for (auto [task, count] : per_task) EXPECT_EQ(count, task == 0 ? 1 : 2);
}
#endif

TEST(LostTasks, UnwakeableOnDemandAndAtExitPendingAtExit) {
  Trace trace = run_scenario("lost");
  expect_clean(trace);
  auto forever = trace.named("waits_forever");
  auto hour = trace.named("waits_an_hour");
  ASSERT_EQ(forever.size(), 1u);
  ASSERT_EQ(hour.size(), 1u);
#if defined(__SANITIZE_THREAD__)
  // Under TSan the recorder infers the end of this drop-in co_spawn task when it goes quiet
  // (with or without the checks), so it is not alive to be found lost.
  if (forever[0]->completed())
    GTEST_SKIP() << "TSan build: the recorder took the drop-in co_spawn task for finished";
#endif
  std::vector<fmt_::LostTask> of_forever, of_hour;
  for (const auto& l : findings<fmt_::LostTask>(trace)) {
    if (l.task == forever[0]->spawn.task) of_forever.push_back(l);
    if (l.task == hour[0]->spawn.task) of_hour.push_back(l);
  }
  // On demand (report_lost_tasks, called twice) and not again at exit: one finding per task.
  // The timer's task only at exit.
  ASSERT_EQ(of_forever.size(), 1u);
  for (const auto& l : of_forever) {
    EXPECT_EQ(l.reason, fmt_::LostReason::no_waker);
    EXPECT_NE(innermost_own_awaiter(trace, l.stack).find("waits_forever"), std::string::npos);
  }
  ASSERT_EQ(of_hour.size(), 1u);
  EXPECT_EQ(of_hour[0].reason, fmt_::LostReason::pending_at_exit);
  EXPECT_NE(innermost_own_awaiter(trace, of_hour[0].stack).find("waits_an_hour"),
            std::string::npos);
}

TEST(CrashSafety, SegfaultInsideATaskKeepsItsLastEvents) {
  int status = 0;
  Trace trace = run_scenario("crash", {}, &status);
#if defined(__SANITIZE_THREAD__) || defined(__SANITIZE_ADDRESS__)
  // The sanitizer's own handler (restored by ours) reports the fault and exits non-zero.
  EXPECT_TRUE(WIFSIGNALED(status) || (WIFEXITED(status) && WEXITSTATUS(status) != 0)) << status;
#else
  ASSERT_TRUE(WIFSIGNALED(status)) << status;
  EXPECT_EQ(WTERMSIG(status), SIGSEGV) << "the program dies as it would have";
#endif
  expect_clean(trace);
  auto tasks = trace.named("crashing_task");
  ASSERT_EQ(tasks.size(), 1u);
  // Two ticks, then the resume that crashed: the trace ends inside it.
  EXPECT_EQ(tasks[0]->kinds(), "spawn resume suspend end wake resume suspend end wake resume");
}

TEST(CrashSafety, KilledProgramIsReadableUpToItsLastChunk) {
  std::string path = trace_path("endless");
  pid_t pid =
      coscope::testing::start_child(COSCOPE_CHECKS_PROGRAM, "endless", {{"COSCOPE_TRACE", path}});
  ASSERT_GT(pid, 0);
  ASSERT_TRUE(wait_for_events(path, 100)) << "no events on disk after 20 s";
  ::kill(pid, SIGKILL);
  int status = coscope::testing::wait_child(pid);
  EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
  Trace trace = coscope::testing::read_trace(path);
  // At most the chunk being written when the kill came is cut short.
  EXPECT_LE(trace.problems.size(), 1u);
  EXPECT_GE(trace.events, 100u);
  std::size_t resumed = 0;
  for (const auto& [id, t] : trace.tasks) resumed += t.events.size() > 3;
  EXPECT_EQ(resumed, 4u);
}

TEST(CrashSafety, TerminatedProgramWritesItsWholeTrace) {
  // A server stopped with Ctrl-C or `kill`, and no handler of its own: what the writer holds
  // is written as at a normal stop, and the program dies by the signal. In ring mode nothing
  // but definitions reaches the file before that: the events prove the final write ran.
  for (int signal : {SIGTERM, SIGINT}) {
    std::string path = trace_path("terminated_" + std::to_string(signal));
    pid_t pid = coscope::testing::start_child(COSCOPE_CHECKS_PROGRAM, "endless",
                                              {{"COSCOPE_TRACE", path}, {"COSCOPE_MODE", "ring"}});
    ASSERT_GT(pid, 0);
    for (int i = 0; i < 200 && coscope::testing::read_trace(path).modules.empty(); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    ::kill(pid, signal);
    int status = coscope::testing::wait_child(pid);
    EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == signal) << signal << ": " << status;
    Trace trace = coscope::testing::read_trace(path);
    expect_clean(trace);
    EXPECT_GE(trace.events, 100u) << signal;
    EXPECT_EQ(trace.named("endless_task").size(), 4u) << signal;
  }
}

TEST(RingMode, EventsStayInMemoryUntilSigusr2) {
  std::string path = trace_path("ring");
  pid_t pid = coscope::testing::start_child(
      COSCOPE_CHECKS_PROGRAM, "endless",
      {{"COSCOPE_TRACE", path}, {"COSCOPE_MODE", "ring"}, {"COSCOPE_RING_MB", "1"}});
  ASSERT_GT(pid, 0);
  // Running (the writer has written the module map), and a while of events since.
  for (int i = 0; i < 200 && coscope::testing::read_trace(path).modules.empty(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  Trace before = coscope::testing::read_trace(path);
  EXPECT_EQ(before.events, 0u) << "ring mode writes definitions only until a dump";
  // Each SIGUSR2 writes what the ring kept since the last dump (a slow start under a
  // sanitizer may leave little for the first one).
  bool dumped = false;
  for (int i = 0; i < 100 && !dumped; ++i) {
    ::kill(pid, SIGUSR2);
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    dumped = coscope::testing::read_trace(path).events >= 100;
  }
  EXPECT_TRUE(dumped) << "SIGUSR2 wrote fewer than 100 events in 20 s";
  ::kill(pid, SIGKILL);
  coscope::testing::wait_child(pid);
  Trace after = coscope::testing::read_trace(path);
  expect_clean(after);
  EXPECT_GE(after.events, 100u);
  EXPECT_EQ(after.named("endless_task").size(), 4u);
}
