// coscope-inspect's subcommands on small generated traces: output compared with golden files
// (regenerate with COSCOPE_UPDATE_GOLDEN=1 and review the diff), exit codes, damaged and
// unreadable traces, and the Chrome export checked against the trace-event rules.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "coscope/format/chunk_encoder.hpp"
#include "coscope/format/writer.hpp"
#include "coscope/inspect/cli.hpp"
#include "test_helpers.hpp"

namespace coscope::inspect::testing {
namespace {

struct CliRun {
  int code;
  std::string out, err;
};

CliRun run_cli(std::vector<std::string> args, bool terminal = false, TuiLauncher tui = {}) {
  args.insert(args.begin(), "coscope-inspect");
  std::vector<const char*> argv;
  for (const auto& a : args) argv.push_back(a.c_str());
  std::ostringstream out, err;
  Environment env{out, err, terminal, std::move(tui)};
  const int code = run(static_cast<int>(argv.size()), argv.data(), env);
  return {code, out.str(), err.str()};
}

// The small trace every golden file is made from.
const std::string& small_trace() {
  static const std::string path = [] {
    SyntheticOptions o;
    o.seed = 3;
    o.events = 300;
    const std::string p = temp_path("golden.cotrace");
    generate_to(p, o);
    return p;
  }();
  return path;
}

void expect_golden(const std::string& name, const std::string& actual) {
  const std::string path = std::string(COSCOPE_GOLDEN_DIR) + "/" + name;
  if (std::getenv("COSCOPE_UPDATE_GOLDEN")) {
    std::ofstream(path, std::ios::binary) << actual;
    return;
  }
  EXPECT_EQ(read_text(path), actual)
      << "golden file " << path << " differs (COSCOPE_UPDATE_GOLDEN=1 rewrites it)";
}

TEST(CliGolden, Summary) {
  CliRun r = run_cli({"summary", small_trace()});
  ASSERT_EQ(r.code, 0) << r.err;
  expect_golden("summary.txt", r.out);
}

TEST(CliGolden, SummaryJson) {
  CliRun r = run_cli({"summary", small_trace(), "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  expect_golden("summary.json", r.out);
}

TEST(CliGolden, TasksAtTimeSortedByBusy) {
  CliRun r = run_cli({"tasks", small_trace(), "--at", "150us", "--sort", "busy", "--reverse"});
  ASSERT_EQ(r.code, 0) << r.err;
  expect_golden("tasks_at_150us.txt", r.out);
}

TEST(CliGolden, TasksFilteredByState) {
  CliRun r = run_cli({"tasks", small_trace(), "--state", "suspended", "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  for (const auto& t : j["tasks"]) EXPECT_EQ(t["state"], "suspended");
  expect_golden("tasks_suspended.json", r.out);
}

TEST(CliGolden, Task) {
  CliRun r = run_cli({"task", small_trace(), "3", "--at", "50%"});
  ASSERT_EQ(r.code, 0) << r.err;
  expect_golden("task_3.txt", r.out);
}

TEST(CliGolden, Stacks) {
  CliRun r = run_cli({"stacks", small_trace(), "--at", "200us"});
  ASSERT_EQ(r.code, 0) << r.err;
  expect_golden("stacks_at_200us.txt", r.out);
}

TEST(CliGolden, Check) {
  CliRun r = run_cli({"check", small_trace()});
  EXPECT_EQ(r.code, kExitFindings);
  expect_golden("check.txt", r.out);
}

TEST(Cli, CheckFailOnSelectsKinds) {
  // The small trace has no slow resume: failing only on those passes.
  CliRun none = run_cli({"check", small_trace(), "--fail-on", "slow-resume", "dropped-events"});
  CliRun blocking = run_cli({"check", small_trace(), "--fail-on", "blocking-call"});
  CliRun all = run_cli({"check", small_trace(), "--fail-on", "all", "--json"});
  EXPECT_EQ(blocking.code, kExitFindings);
  EXPECT_EQ(all.code, kExitFindings);
  auto j = nlohmann::json::parse(all.out);
  EXPECT_EQ(j["failing"], j["findings"].size());
  EXPECT_NE(none.out.find("check"), std::string::npos);
  EXPECT_EQ(none.code, none.out.find("FAIL") == std::string::npos ? kExitOk : kExitFindings);
  // A comma list is the same as separate words (as CI scripts write it).
  CliRun comma = run_cli({"check", small_trace(), "--fail-on", "slow-resume,blocking-call"});
  EXPECT_EQ(comma.code, kExitFindings);
  EXPECT_EQ(run_cli({"check", small_trace(), "--fail-on", "slow-resume,bogus"}).code, kExitUsage);
}

TEST(Cli, UsageErrorsExitWith2) {
  EXPECT_EQ(run_cli({}).code, kExitUsage);
  EXPECT_EQ(run_cli({"tasks"}).code, kExitUsage);
  EXPECT_EQ(run_cli({"tasks", small_trace(), "--sort", "nonsense"}).code, kExitUsage);
  EXPECT_EQ(run_cli({"check", small_trace(), "--fail-on", "bogus"}).code, kExitUsage);
  EXPECT_EQ(run_cli({"tasks", small_trace(), "--at", "soon"}).code, kExitUsage);
  EXPECT_EQ(run_cli({"task", small_trace(), "999999"}).code, kExitUsage);
  CliRun unknown = run_cli({"json", small_trace()});
  EXPECT_EQ(unknown.code, kExitUsage);
  EXPECT_NE(unknown.err.find("unknown command 'json'"), std::string::npos) << unknown.err;
  EXPECT_NE(unknown.err.find("--json"), std::string::npos) << unknown.err;
  CliRun help = run_cli({"--help"});
  EXPECT_EQ(help.code, kExitOk);
  EXPECT_NE(help.out.find("stacks"), std::string::npos);
}

TEST(Cli, UnreadableTraceExitsWith3) {
  const std::string garbage = temp_path("garbage.cotrace");
  std::ofstream(garbage) << "not a trace at all";
  CliRun r = run_cli({"summary", garbage});
  EXPECT_EQ(r.code, kExitUnreadable);
  EXPECT_NE(r.err.find("not a coscope trace"), std::string::npos) << r.err;
  EXPECT_EQ(run_cli({"summary", temp_path("missing.cotrace")}).code, kExitUnreadable);
}

TEST(Cli, DamagedTraceWarnsAndShowsWhatWasRecovered) {
  std::string bytes = read_text(small_trace());
  // Flip a byte in the middle: one chunk's checksum fails, the others still load.
  bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0x5a);
  const std::string damaged = temp_path("damaged.cotrace");
  std::ofstream(damaged, std::ios::binary) << bytes;
  CliRun r = run_cli({"summary", damaged});
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.err.find("is damaged at offset"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("checksum mismatch"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("damaged stretch"), std::string::npos);
  EXPECT_NE(r.out.find("tasks ("), std::string::npos);
}

TEST(Cli, BareTraceOpensTheUiOnlyOnATerminal) {
  int launched = 0;
  auto tui = [&](const std::string&) { return ++launched, 0; };
  CliRun piped = run_cli({small_trace()}, false, tui);
  EXPECT_EQ(launched, 0);
  EXPECT_NE(piped.out.find("program:"), std::string::npos);
  CliRun terminal = run_cli({small_trace()}, true, tui);
  EXPECT_EQ(launched, 1);
  EXPECT_TRUE(terminal.out.empty());
}

// ---- Chrome export ----------------------------------------------------------------------

// A blocking call whose stack runs through libstdc++ and Boost.Asio frames (source files under
// /usr/) between two frames of the user's code.
std::string library_frames_trace() {
  using namespace coscope::format;
  const std::string path = temp_path("library-frames.cotrace");
  FileHeader header;
  header.pid = 7;
  header.program = "/opt/app";
  auto writer = TraceWriter::create(path, header);
  EXPECT_TRUE(writer);
  ChunkEncoder chunk(100);
  StringId next = 1;
  auto str = [&](const std::string& text) {
    chunk.add(StringDef{next, text});
    return next++;
  };
  const struct {
    std::uint64_t address;
    const char* function;
    const char* file;
  } frames[] = {
      {0x1000, "usleep", "/usr/include/unistd.h"},
      {0x1001, "std::this_thread::sleep_for", "/usr/include/c++/12/bits/this_thread_sleep.h"},
      {0x1002, "handle(request)", "/home/me/app/server.cpp"},
      {0x1003, "boost::asio::detail::awaitable_frame::resume",
       "/usr/include/boost/asio/impl/awaitable.hpp"},
      {0x1004, "serve()", "/home/me/app/server.cpp"}};
  StackDef stack{1, {}, {}};
  for (const auto& f : frames) {
    chunk.add(SymbolDef{f.address, {SymbolFrame{str(f.function), str(f.file), 10}}});
    stack.frames.push_back(f.address);
  }
  // A frame nobody can name (a stripped library's local function): module and offset.
  chunk.add(ModuleDef{1, str("/lib/x86_64-linux-gnu/libc.so.6"), "", 0x7f0000000000, 0x200000});
  stack.frames.push_back(0x7f000002724a);
  chunk.add(stack);
  const StringId name = str("serve");
  TaskSpawn spawn;
  spawn.time = 1000;
  spawn.thread = 100;
  spawn.task = 1;
  spawn.name = name;
  spawn.stack = 1;
  chunk.add(spawn);
  TaskResume resume;
  resume.time = 2000;
  resume.thread = 100;
  resume.task = 1;
  chunk.add(resume);
  BlockingCall call;
  call.time = 3000;
  call.thread = 100;
  call.task = 1;
  call.function = str("std::this_thread::sleep_for");
  call.duration_ns = 5'000'000;
  call.stack = 1;
  chunk.add(call);
  EXPECT_TRUE(writer->write_chunk(chunk));
  EXPECT_TRUE(writer->close());
  return path;
}

TEST(Cli, SummaryFoldsLibraryFramesAndJsonKeepsThem) {
  const std::string trace = library_frames_trace();
  CliRun r = run_cli({"summary", trace});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("handle(request) at /home/me/app/server.cpp:10"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("serve() at /home/me/app/server.cpp:10"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("/usr/include"), std::string::npos) << r.out;
  // Each run of library frames is one line, where it was.
  EXPECT_NE(r.out.find("        2 library frames folded\n        handle(request)"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("        1 library frame folded\n        serve()"), std::string::npos)
      << r.out;

  CliRun j = run_cli({"summary", trace, "--json"});
  ASSERT_EQ(j.code, 0) << j.err;
  EXPECT_NE(j.out.find("/usr/include/boost/asio/impl/awaitable.hpp"), std::string::npos);
  EXPECT_NE(j.out.find("/usr/include/unistd.h"), std::string::npos);
  EXPECT_EQ(j.out.find("folded"), std::string::npos);
}

TEST(Cli, TaskStacksAndCheckFoldLibraryFramesUnlessAskedForTheFullStack) {
  const std::string trace = library_frames_trace();
  for (const char* command : {"task", "stacks", "check"}) {
    std::vector<std::string> args = {command, trace};
    if (std::string(command) == "task") args.push_back("1");
    const int code = std::string(command) == "check" ? 1 : 0;  // a blocking call fails it
    CliRun r = run_cli(args);
    ASSERT_EQ(r.code, code) << r.err;
    EXPECT_NE(r.out.find("2 library frames folded\n"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("serve() at /home/me/app/server.cpp:10"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("/usr/include"), std::string::npos) << r.out;
    args.push_back("--full-stack");
    CliRun full = run_cli(args);
    ASSERT_EQ(full.code, code) << full.err;
    EXPECT_NE(full.out.find("usleep at /usr/include/unistd.h:10"), std::string::npos) << full.out;
    EXPECT_EQ(full.out.find("folded"), std::string::npos) << full.out;
    EXPECT_NE(full.out.find("  libc.so.6+0x2724a\n"), std::string::npos) << full.out;
  }
  CliRun raw = run_cli({"task", trace, "1", "--symbols", "none"});
  EXPECT_NE(raw.out.find("0x7f000002724a (unresolved)"), std::string::npos) << raw.out;
}

// Writes a trace of one chunk holding what `fill` adds.
template <typename Fill>
void write_one_chunk(const std::string& path, Fill fill) {
  coscope::format::FileHeader header;
  header.pid = 7;
  header.program = "/opt/app";
  auto writer = coscope::format::TraceWriter::create(path, header);
  ASSERT_TRUE(writer);
  coscope::format::ChunkEncoder chunk(100);
  fill(chunk);
  ASSERT_TRUE(writer->write_chunk(chunk));
  ASSERT_TRUE(writer->close());
}

// Event `e` of `task` at `time` on thread 100.
template <typename E>
E on_thread_100(E e, coscope::format::TaskId task, coscope::format::Timestamp time) {
  e.time = time;
  e.thread = 100;
  e.task = task;
  return e;
}

// A task that waited on a timer and then finished awaits nothing any more.
TEST(Cli, AFinishedTaskShowsNoAwaitedOperation) {
  using namespace coscope::format;
  const std::string path = temp_path("finished.cotrace");
  ASSERT_NO_FATAL_FAILURE(write_one_chunk(path, [](ChunkEncoder& chunk) {
    chunk.add(StringDef{1, "waiter"});
    chunk.add(StringDef{2, "deadline_timer.async_wait"});
    TaskSpawn spawn = on_thread_100(TaskSpawn{}, 1, 1000);
    spawn.name = 1;
    chunk.add(spawn);
    chunk.add(on_thread_100(TaskResume{}, 1, 2000));
    TaskSuspend suspend = on_thread_100(TaskSuspend{}, 1, 3000);
    suspend.operation = 2;
    chunk.add(suspend);
    chunk.add(on_thread_100(ResumeEnd{}, 1, 3000));
    chunk.add(on_thread_100(TaskResume{}, 1, 9000));
    chunk.add(on_thread_100(ResumeEnd{}, 1, 9500));
    chunk.add(on_thread_100(TaskComplete{}, 1, 9600));
  }));
  CliRun waiting = run_cli({"task", path, "1", "--at", "5us"});
  ASSERT_EQ(waiting.code, 0) << waiting.err;
  EXPECT_NE(waiting.out.find("awaits deadline_timer.async_wait"), std::string::npos) << waiting.out;
  CliRun done = run_cli({"task", path, "1"});
  ASSERT_EQ(done.code, 0) << done.err;
  // The async stack, not the event list (which keeps the wait as history).
  const auto stack = [](const std::string& out) {
    const auto begin = out.find("async stack:");
    return begin == std::string::npos ? std::string()
                                      : out.substr(begin, out.find("events (") - begin);
  };
  EXPECT_NE(stack(waiting.out).find("awaits deadline_timer.async_wait"), std::string::npos)
      << waiting.out;
  EXPECT_NE(done.out.find("done since"), std::string::npos) << done.out;
  EXPECT_EQ(stack(done.out).find("awaits"), std::string::npos) << done.out;
  // Running again: the wait is where it came from, not what it awaits.
  CliRun running = run_cli({"task", path, "1", "--at", "9200ns"});
  ASSERT_EQ(running.code, 0) << running.err;
  EXPECT_EQ(stack(running.out).find("awaits"), std::string::npos) << running.out;
  EXPECT_NE(stack(running.out).find("resumed from deadline_timer.async_wait"), std::string::npos)
      << running.out;
}

// A task whose coroutine is not known (an async operation awaited as an operand of `a || b`)
// is named after the first operation it awaited, in every view.
TEST(Cli, ATaskWithoutANameIsNamedAfterItsFirstOperation) {
  using namespace coscope::format;
  const std::string path = temp_path("unnamed.cotrace");
  ASSERT_NO_FATAL_FAILURE(write_one_chunk(path, [](ChunkEncoder& chunk) {
    chunk.add(StringDef{1, "await.untracked"});
    chunk.add(StringDef{2, "socket.async_receive"});
    chunk.add(StringDef{3, "io_context.execute"});
    chunk.add(StringDef{4, "co_spawn_entry_point"});
    chunk.add(StringDef{5, "/usr/include/boost/asio/impl/co_spawn.hpp"});
    chunk.add(LocationDef{1, 5, 164, 0, 4});
    for (TaskId task : {TaskId{1}, TaskId{2}, TaskId{3}}) {
      chunk.add(on_thread_100(TaskSpawn{}, task, 1000 * task));
      chunk.add(on_thread_100(TaskResume{}, task, 1000 * task + 100));
      TaskSuspend suspend = on_thread_100(TaskSuspend{}, task, 1000 * task + 200);
      // 1 awaits no operation of its own, and 3 only Asio's post of its end (its body never
      // suspended): no name from those.
      suspend.operation = static_cast<StringId>(task);
      if (task == 3) suspend.location = 1;
      chunk.add(suspend);
      chunk.add(on_thread_100(ResumeEnd{}, task, 1000 * task + 200));
    }
  }));
  CliRun tasks = run_cli({"tasks", path, "--json"});
  ASSERT_EQ(tasks.code, 0) << tasks.err;
  const nlohmann::json doc = nlohmann::json::parse(tasks.out);
  std::map<std::uint64_t, std::string> names;
  for (const auto& t : doc["tasks"]) names[t["id"].get<std::uint64_t>()] = t["name"];
  EXPECT_EQ(names[1], "");
  EXPECT_EQ(names[2], "[socket.async_receive]");
  EXPECT_EQ(names[3], "");
  // All three are suspended at the end; task 1 on something the tracer could not follow
  // (it may have ended through no hook): not a never-completed finding.
  CliRun check = run_cli({"check", path, "--json"});
  const nlohmann::json findings = nlohmann::json::parse(check.out);
  std::vector<std::uint64_t> never;
  for (const auto& f : findings["findings"])
    if (f["kind"] == "never-completed") never.push_back(f["task"].get<std::uint64_t>());
  EXPECT_EQ(never, (std::vector<std::uint64_t>{2, 3})) << check.out;
}

TEST(ChromeExport, FollowsTraceEventRules) {
  SyntheticOptions o;
  o.seed = 11;
  o.events = 5000;
  const std::string trace = temp_path("export.cotrace");
  generate_to(trace, o);
  const std::string out = temp_path("export.json");
  CliRun r = run_cli({"export", trace, "--format", "chrome", "-o", out});
  ASSERT_EQ(r.code, 0) << r.err;
  const nlohmann::json doc = nlohmann::json::parse(read_text(out));
  ASSERT_EQ(doc["displayTimeUnit"], "ns");
  const auto& events = doc["traceEvents"];
  ASSERT_TRUE(events.is_array());

  model::Model m = load_or_die(trace);
  // Async b/e nest per (cat, id) once sorted by time (stable); flows pair s with f.
  std::map<std::string, std::vector<const nlohmann::json*>> async;
  std::map<std::uint64_t, int> flow_starts, flow_ends;
  std::size_t resumes = 0, findings = 0;
  for (const auto& e : events) {
    ASSERT_TRUE(e.contains("ph") && e.contains("pid")) << e.dump();
    const std::string ph = e["ph"];
    if (ph != "M") {
      ASSERT_TRUE(e["ts"].is_number()) << e.dump();
      // Microseconds: every event lies within the trace's span.
      ASSERT_LE(e["ts"].get<double>(), double(m.end()) / 1000.0 + 1e-6) << e.dump();
    }
    if (ph == "b" || ph == "e")
      async[e["cat"].get<std::string>() + "/" + e["id"].get<std::string>()].push_back(&e);
    if (ph == "s") ++flow_starts[e["id"]];
    if (ph == "f") {
      ++flow_ends[e["id"]];
      EXPECT_EQ(e["bp"], "e");
    }
    if (ph == "X") {
      ++resumes;
      ASSERT_GE(e["dur"].get<double>(), 0.0);
    }
    if (ph == "i" && e["cat"] == "finding") ++findings;
  }
  for (auto& [id, list] : async) {
    std::stable_sort(list.begin(), list.end(),
                     [](const nlohmann::json* a, const nlohmann::json* b) {
                       return (*a)["ts"].get<double>() < (*b)["ts"].get<double>();
                     });
    std::vector<std::string> open;
    for (const auto* e : list) {
      if ((*e)["ph"] == "b") {
        open.push_back((*e)["name"]);
      } else {
        ASSERT_FALSE(open.empty()) << id << ": 'e' without 'b' at " << (*e)["ts"];
        ASSERT_EQ(open.back(), (*e)["name"]) << id << " at " << (*e)["ts"];
        open.pop_back();
      }
    }
    EXPECT_TRUE(open.empty()) << id << " leaves " << open.size() << " slices open";
  }
  EXPECT_EQ(flow_starts, flow_ends);
  for (const auto& [id, n] : flow_starts) EXPECT_EQ(n, 1) << "flow id " << id << " reused";
  std::uint64_t total_resumes = 0;
  for (const model::Task& t : m.tasks()) total_resumes += t.figures.resumes;
  EXPECT_EQ(resumes, total_resumes);
  EXPECT_EQ(findings, m.findings().size());
  EXPECT_FALSE(flow_starts.empty());
}

}  // namespace
}  // namespace coscope::inspect::testing
