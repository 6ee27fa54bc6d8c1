// Every example program, run for real under the tracer (COSCOPE_TRACE), then its trace read by
// the real coscope-inspect: each program must print what its comment promises and leave the
// finding it exists to show, at the line of examples/ that causes it.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "command.hpp"

namespace {

using nlohmann::json;

using Output = coscope::testing::CommandOutput;
using coscope::testing::run_command;

std::string example(const std::string& name) {
  return std::string(COSCOPE_EXAMPLES_DIR) + "/coscope_example_" + name;
}

std::string trace_path(const std::string& name) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("coscope-examples-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  return (dir / (name + ".cotrace")).string();
}

// Runs an example under the tracer; returns its output, the trace left in `trace`.
Output traced(const std::string& name, const std::string& args, std::string& trace) {
  trace = trace_path(name);
  std::filesystem::remove(trace);
  return run_command("COSCOPE_TRACE=" + trace + " " + example(name) + " " + args);
}

// coscope-inspect check --json: the findings of a trace.
json findings(const std::string& trace) {
  const Output r =
      run_command(std::string(COSCOPE_INSPECT_BINARY) + " check --json --fail-on all " + trace);
  EXPECT_TRUE(r.code == 0 || r.code == 1) << r.out;
  return json::parse(r.out)["findings"];
}

// The line of examples/`file` that contains `text`: the tests name lines by their code, so that
// editing an example's comments does not break them.
int line_of(const std::string& file, const std::string& text) {
  std::ifstream in(std::string(COSCOPE_EXAMPLES_SOURCE_DIR) + "/" + file);
  int number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    if (line.find(text) != std::string::npos) return number;
  }
  ADD_FAILURE() << text << " not found in examples/" << file;
  return -1;
}

bool is_at(const json& frame, const std::string& file, int line) {
  return frame.value("file", "").ends_with(file) && frame.value("line", 0) == line;
}

// The findings of `kind` whose stack names the line of examples/`file` holding `code`, in a
// frame or in the chain of functions a frame was inlined into.
int count_at(const json& all, const std::string& kind, const std::string& file,
             const std::string& code) {
  const int line = line_of(file, code);
  int n = 0;
  for (const auto& f : all) {
    if (f["kind"] != kind) continue;
    bool found = false;
    for (const auto& frame : f["stack"]) {
      found = found || is_at(frame, file, line);
      for (const auto& outer : frame.value("inlined_into", json::array()))
        found = found || is_at(outer, file, line);
    }
    n += found;
  }
  return n;
}

// The number printed right after `prefix` in a program's output; NaN when the prefix is not
// there. (No std::regex: GCC 12 warns inside <regex> under ASan, and warnings are errors.)
double number_after(const std::string& out, const std::string& prefix) {
  const auto at = out.find(prefix);
  if (at == std::string::npos) return std::nan("");
  return std::strtod(out.c_str() + at + prefix.size(), nullptr);
}

int count_kind(const json& all, const std::string& kind) {
  int n = 0;
  for (const auto& f : all) n += f["kind"] == kind;
  return n;
}

TEST(Examples, GatherTakesAsLongAsTheSlowestFetch) {
  std::string trace;
  const Output r = traced("gather", "", trace);
  ASSERT_EQ(r.code, 0) << r.out;
  ASSERT_NE(r.out.find("one after another they take 800 ms"), std::string::npos) << r.out;
  const double took = number_after(r.out, "gathered 5 fetches in ");
  EXPECT_GE(took, 250) << r.out;
  EXPECT_LT(took, 700) << "the fetches did not overlap\n" << r.out;
  EXPECT_NE(r.out.find("first to finish: prices"), std::string::npos) << r.out;
  EXPECT_EQ(count_kind(findings(trace), "blocking-call"), 0);
}

TEST(Examples, FaultyFetchShowsWhereEachExceptionGoes) {
  std::string trace;
  const Output r = traced("faulty_fetch", "", trace);
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("1. awaited directly: caught \"fetch 3: connection reset by peer\""),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("fetch 3: failed: fetch 3: connection reset by peer"), std::string::npos);
  EXPECT_NE(r.out.find("fetch 5: failed: Operation canceled"), std::string::npos)
      << "the sibling still running must be cancelled\n"
      << r.out;
  // Only the detached one is lost; the thrown line is fetch's throw.
  const json all = findings(trace);
  EXPECT_EQ(count_kind(all, "lost-exception"), 1) << all.dump(1);
  EXPECT_EQ(
      count_at(all, "lost-exception", "faulty_fetch.cpp", "throw std::runtime_error(\"fetch 3"), 1)
      << all.dump(1);
}

TEST(Examples, BlockingCallFindingPointsAtTheSleep) {
  std::string trace;
  const Output r = traced("finding_blocking_call", "", trace);
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("heartbeat:"), std::string::npos) << "the heartbeat should miss ticks";
  EXPECT_GE(
      count_at(findings(trace), "blocking-call", "findings/blocking_call.cpp", "sleep_for(30ms)"),
      1);
}

TEST(Examples, SlowResumeFindingPointsAtTheGreedyLoop) {
  std::string trace;
  const Output r = traced("finding_slow_resume", "", trace);
  ASSERT_EQ(r.code, 0) << r.out;
  const json all = findings(trace);
  EXPECT_GE(count_at(all, "slow-resume", "findings/slow_resume.cpp", "checksum(data, 64)"), 1)
      << all.dump(1);
  // The polite version yields between chunks: 64 chunks, at least 64 resumes. (Whether one of
  // its short resumes crosses 10 ms depends on the machine's load, so that is not asserted.)
  const Output tasks = run_command(std::string(COSCOPE_INSPECT_BINARY) + " tasks --json " + trace);
  const json table = json::parse(tasks.out);
  bool polite_seen = false;
  for (const auto& task : table["tasks"]) {
    if (task.value("name", "").find("checksum_politely") == std::string::npos) continue;
    polite_seen = true;
    EXPECT_GE(task["resumes"].get<int>(), 64) << task;
  }
  EXPECT_TRUE(polite_seen) << tasks.out;
}

TEST(Examples, LostTaskFindingNamesTheRequestThatNeverEnds) {
  std::string trace;
  const Output r = traced("finding_lost_task", "", trace);
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("the tracer found 1 task(s) that nothing can resume"), std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.find("request 3:"), std::string::npos);
  // Its async stack holds the RPC call it waits in, then the task that asked.
  const json all = findings(trace);
  ASSERT_EQ(count_kind(all, "lost-task"), 1) << all.dump(1);
  std::string chain;
  for (const auto& f : all)
    for (const auto& frame : f["stack"]) chain += frame.value("function", "") + "\n";
  const auto call = chain.find("RpcClient::call()");
  ASSERT_NE(call, std::string::npos) << chain;
  EXPECT_NE(chain.find("ask()", call), std::string::npos) << chain;
}

TEST(Examples, LostExceptionFindingOnlyForTheDetachedTask) {
  std::string trace;
  const Output r = traced("finding_lost_exception", "", trace);
  ASSERT_EQ(r.code, 0) << r.out;
  const json all = findings(trace);
  ASSERT_EQ(count_kind(all, "lost-exception"), 1) << all.dump(1);
  for (const auto& f : all) {
    if (f["kind"] != "lost-exception") continue;
    EXPECT_NE(f["summary"].get<std::string>().find("settings v3: disk full"), std::string::npos);
  }
}

#ifdef COSCOPE_HAVE_LOGGING_EXAMPLE
TEST(Examples, LoggingRecordsEachLineWithItsTask) {
  std::string trace;
  const Output r = traced("logging", "", trace);
  ASSERT_EQ(r.code, 0) << r.out;
  // The task table names the three workers; each worker's own detail shows its own lines only.
  const Output tasks = run_command(std::string(COSCOPE_INSPECT_BINARY) + " tasks --json " + trace);
  ASSERT_EQ(tasks.code, 0) << tasks.out;
  int workers = 0;
  const json table = json::parse(tasks.out);
  for (const auto& task : table["tasks"]) {
    if (task.value("name", "").find("worker") == std::string::npos) continue;
    ++workers;
    const Output detail = run_command(std::string(COSCOPE_INSPECT_BINARY) + " task --json " +
                                      trace + " " + std::to_string(task["id"].get<long>()));
    ASSERT_EQ(detail.code, 0) << detail.out;
    // Every line of a worker's task is that worker's; worker 2 warns once more than the others.
    const json logs = json::parse(detail.out).at("logs");
    ASSERT_FALSE(logs.empty()) << detail.out;
    const std::string who = logs[0]["text"].get<std::string>().substr(0, 8);  // "worker N"
    for (const auto& log : logs)
      EXPECT_TRUE(log["text"].get<std::string>().starts_with(who)) << log;
    EXPECT_EQ(logs.size(), who == "worker 2" ? 5u : 4u) << detail.out;
  }
  EXPECT_EQ(workers, 3) << tasks.out;
}
#endif

// A child process with its stdout on a pipe, for the server.
struct Child {
  pid_t pid = -1;
  FILE* out = nullptr;
};

Child start(const std::string& command, const std::string& trace) {
  int fds[2];
  if (pipe(fds) != 0) return {};
  const pid_t pid = fork();
  if (pid == 0) {
    setenv("COSCOPE_TRACE", trace.c_str(), 1);
    dup2(fds[1], 1);
    close(fds[0]);
    close(fds[1]);
    execl("/bin/sh", "sh", "-c", ("exec " + command).c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  close(fds[1]);
  return {pid, fdopen(fds[0], "r")};
}

TEST(Examples, ScraperAgainstWebServerConcurrentBeatsSequentialUntilABlockingRoute) {
  const std::string trace = trace_path("web_server");
  std::filesystem::remove(trace);
  Child server = start(example("web_server") + " --delay-ms 100", trace);
  ASSERT_GT(server.pid, 0);
  char line[256] = {};
  ASSERT_NE(fgets(line, sizeof line, server.out), nullptr);
  unsigned port = 0;
  ASSERT_EQ(std::sscanf(line, "listening on 127.0.0.1:%u", &port), 1) << line;
  const std::string scraper = example("scraper") + " --port " + std::to_string(port);

  // Ten 100 ms requests: about 1 s in turn, about 0.1 s at once.
  const Output fast = run_command(scraper + " --count 10");
  EXPECT_EQ(fast.code, 0) << fast.out;
  EXPECT_GT(number_after(fast.out, "concurrent fetching was "), 3.0) << fast.out;

  // The /report route blocks the event loop for 200 ms: four at once take 0.8 s, as in turn.
  const Output slow = run_command(scraper + " --count 4 --path /report --mode concurrent");
  EXPECT_EQ(slow.code, 0) << slow.out;
  EXPECT_GE(number_after(slow.out, "concurrent: 4 fetches in "), 0.75)
      << "blocking calls cannot overlap\n"
      << slow.out;

  kill(server.pid, SIGINT);
  int status = 0;
  waitpid(server.pid, &status, 0);
  std::string rest;
  for (char buf[256]; fgets(buf, sizeof buf, server.out);) rest += buf;
  fclose(server.out);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
  EXPECT_NE(rest.find("web_server: stopped"), std::string::npos) << rest;

  const json all = findings(trace);
  EXPECT_EQ(count_at(all, "blocking-call", "web_server.cpp", "sleep_for(200ms)"), 4) << all.dump(1);
  EXPECT_EQ(count_kind(all, "lost-task"), 0) << "SIGINT must end every session\n" << all.dump(1);
}

}  // namespace
