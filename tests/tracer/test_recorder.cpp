// The recorder without Asio: configuration, drop-and-count, cold events, thread exit, an
// unwritable path.
#include <gtest/gtest.h>
#include <pthread.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "coscope/tracer.hpp"
#include "coscope/tracer/recorder.hpp"
#include "trace_model.hpp"

namespace tracer = coscope::tracer;
using coscope::testing::read_trace;

namespace {

std::string temp(const std::string& name) {
  return ::testing::TempDir() + "coscope_rec_" + std::to_string(::getpid()) + "_" + name;
}

}  // namespace

TEST(TracerOptions, FromEnvironment) {
  ::setenv("COSCOPE_TRACE", "/tmp/run-%p.cotrace", 1);
  ::setenv("COSCOPE_STACKS", "suspend", 1);
  ::setenv("COSCOPE_BUFFER_KB", "64", 1);
  coscope::TraceOptions o = coscope::options_from_environment();
  EXPECT_EQ(o.path, "/tmp/run-" + std::to_string(::getpid()) + ".cotrace");
  EXPECT_EQ(o.stacks, coscope::StackMode::suspend);
  EXPECT_EQ(o.buffer_kb, 64u);
  ::setenv("COSCOPE_STACKS", "sometimes", 1);
  ::setenv("COSCOPE_BUFFER_KB", "3", 1);
  o = coscope::options_from_environment();
  EXPECT_EQ(o.stacks, coscope::StackMode::spawn);
  EXPECT_EQ(o.buffer_kb, coscope::TraceOptions{}.buffer_kb);
  ::unsetenv("COSCOPE_TRACE");
  ::unsetenv("COSCOPE_STACKS");
  ::unsetenv("COSCOPE_BUFFER_KB");
  EXPECT_TRUE(coscope::options_from_environment().path.empty());
}

TEST(Recorder, UnwritablePathLeavesTheProgramUntraced) {
  EXPECT_FALSE(coscope::start("/nonexistent-dir/x.cotrace"));
  EXPECT_FALSE(coscope::tracing());
  tracer::record_wake(1);  // a no-op, not a crash
  coscope::stop();
}

TEST(Recorder, SecondStartIsRefused) {
  ASSERT_TRUE(coscope::start(temp("second.cotrace")));
  EXPECT_FALSE(coscope::start(temp("second_b.cotrace")));
  coscope::stop();
}

TEST(Recorder, FullBufferDropsAndCounts) {
  coscope::TraceOptions o;
  o.path = temp("drops.cotrace");
  o.buffer_kb = 16;  // 2048 words: 682 plain events
  ASSERT_TRUE(coscope::start(o));
  constexpr int kEvents = 100'000;
  // A fresh thread gets a buffer of the configured size; nothing waits for the writer.
  std::thread producer([] {
    for (int i = 0; i < kEvents; ++i) tracer::record_wake(7);
  });
  producer.join();
  coscope::stop();
  auto trace = read_trace(o.path);
  std::uint64_t wakes = 0;
  for (const auto& r : trace.findings) (void)r;
  // The wakes are of a task never spawned: count them from the problems list.
  for (const auto& p : trace.problems)
    if (p.find("task_wake of unknown task 7") != std::string::npos) ++wakes;
  EXPECT_GT(trace.dropped, 0u);
  EXPECT_EQ(wakes + trace.dropped, static_cast<std::uint64_t>(kEvents));
}

[[gnu::noinline]] void a_task_body() {
  std::puts("");
}

// When the writer falls behind, a task's resumes and suspensions are dropped first: its spawn
// and its end use the ring's reserve, so the trace still tells that it ended.
TEST(Recorder, TheEndOfATaskSurvivesAFullBuffer) {
  coscope::TraceOptions o;
  o.path = temp("lasting.cotrace");
  o.buffer_kb = 16;
  ASSERT_TRUE(coscope::start(o));
  constexpr int kEvents = 100'000;
  std::thread producer([] {
    const auto name = reinterpret_cast<std::uint64_t>(&a_task_body);
    for (tracer::TaskId task = 7; task < 10; ++task) {
      tracer::record_spawn(task, 0, name, {}, nullptr);
      for (int i = 0; i < kEvents; ++i) {
        tracer::record_resume(task, true);
        tracer::record_resume_end(task);
      }
      tracer::record_complete(task, coscope::format::CompletionStatus::ok);
    }
  });
  producer.join();
  coscope::stop();
  auto trace = read_trace(o.path);
  EXPECT_GT(trace.dropped, 0u);
  for (coscope::format::TaskId task = 7; task < 10; ++task) {
    ASSERT_TRUE(trace.tasks.count(task)) << task;
    EXPECT_TRUE(trace.tasks.at(task).completed()) << task;
  }
}

// A suspension's record stands for three events of the trace (the suspend, the end of the
// resume, an immediate wake): kept, it gives all three; dropped, it counts three.
TEST(Recorder, CombinedRecordsExpandAndCountEachEvent) {
  coscope::TraceOptions o;
  o.path = temp("combined.cotrace");
  o.buffer_kb = 16;
  ASSERT_TRUE(coscope::start(o));
  constexpr int kRecords = 50'000;
  std::thread producer([] {
    for (int i = 0; i < kRecords; ++i)
      tracer::record_suspend(7, "io_context", "post", {}, nullptr,
                             tracer::kEndsResume | tracer::kWoken);
  });
  producer.join();
  coscope::stop();
  auto trace = read_trace(o.path);
  std::uint64_t suspends = 0, ends = 0, wakes = 0;
  for (const auto& p : trace.problems) {
    suspends += p == "task_suspend of unknown task 7";
    ends += p == "resume_end of unknown task 7";
    wakes += p == "task_wake of unknown task 7";
  }
  EXPECT_GT(suspends, 0u);
  EXPECT_EQ(ends, suspends);
  EXPECT_EQ(wakes, suspends);
  EXPECT_GT(trace.dropped, 0u);
  EXPECT_EQ(suspends + ends + wakes + trace.dropped, 3u * kRecords);
}

TEST(Recorder, ColdEventsAndThreadNames) {
  std::string path = temp("cold.cotrace");
  ASSERT_TRUE(coscope::start(path));
  std::thread worker([] {
    pthread_setname_np(pthread_self(), "coscope-worker");
    coscope::format::Annotation a;
    a.key = tracer::intern("phase");
    a.value = "warm-up";
    tracer::emit(a);
  });
  worker.join();  // its buffer is retired, then drained and freed by the writer
  coscope::stop();
  auto trace = read_trace(path);
  ASSERT_EQ(trace.findings.size(), 1u);
  auto* a = std::get_if<coscope::format::Annotation>(&trace.findings[0]);
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(trace.strings[a->key], "phase");
  EXPECT_EQ(a->value, "warm-up");
  bool named = false;
  for (const auto& [id, text] : trace.strings) named |= text == "coscope-worker";
  EXPECT_TRUE(named);
}

TEST(Recorder, CapturesItsCallersFrames) {
  tracer::RawStack stack;
  tracer::capture_frames(stack);
  EXPECT_GE(stack.frames, 3);
}

// Threads that come and go: each one's events are whole, also when its ring is one a thread
// before it used (the rings of freed buffers are reused, their old contents still there).
TEST(Recorder, ShortLivedThreadsEachRecordTheirOwnEvents) {
  const std::string path = temp("churn.cotrace");
  ASSERT_TRUE(coscope::start(path));
  constexpr int kThreads = 24;
  constexpr int kWakes = 200;
  std::vector<tracer::TaskId> tasks;
  for (int i = 0; i < kThreads; ++i) {
    const tracer::TaskId task = tracer::new_task_id();
    tasks.push_back(task);
    std::thread([task] {
      tracer::record_spawn(task, 0, 0, {}, nullptr);
      tracer::expect_name(task);
      tracer::settle_name(task, 0);
      for (int e = 0; e < kWakes; ++e) tracer::record_wake(task);
    }).join();
    // Now and then the writer frees the exited threads' buffers, whose rings the next reuse.
    if (i % 4 == 3) coscope::flush();
  }
  coscope::stop();
  auto trace = read_trace(path);
  for (const std::string& p : trace.problems) ADD_FAILURE() << p;
  EXPECT_EQ(trace.dropped, 0u);
  for (tracer::TaskId task : tasks) {
    ASSERT_EQ(trace.tasks.count(task), 1u) << task;
    EXPECT_EQ(
        trace.tasks[task].kinds(), "spawn" +
                                       [] {
                                         std::string s;
                                         for (int e = 0; e < kWakes; ++e) s += " wake";
                                         return s;
                                       }())
        << task;
  }
}
