// End to end on a real trace: the traced example program coscope_example_echo_demo runs with
// COSCOPE_TRACE, then the real coscope-inspect binary reads its trace. The example's hazards
// (examples/echo_demo.cpp) must show as findings, as the tracer records them today:
//   - the "slow" command's std::this_thread::sleep_for: a blocking-call (nanosleep) in a
//     session task;
//   - client 7's exception thrown from a detached task: an exception finding (the tracer does
//     not yet know its fate, so it is not reported as lost);
//   - the janitor, never woken: destroyed with the io_context, a cancelled task.
// Also: symbolization from the binary alone (DWARF via libdw) on the same trace with its
// SymbolDefs removed.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "command.hpp"
#include "coscope/format/reader.hpp"
#include "coscope/inspect/testing/synthetic_trace.hpp"
#include "coscope/model/model.hpp"
#include "test_helpers.hpp"

namespace coscope::inspect::testing {
namespace {

using nlohmann::json;

using Process = coscope::testing::CommandOutput;
using coscope::testing::run_command;

std::string inspect(const std::string& args) {
  return std::string(COSCOPE_INSPECT_BINARY) + " " + args;
}

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

class EchoDemo : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    trace_ = new std::string(temp_path("echo_demo.cotrace"));
    const Process r = run_command("COSCOPE_TRACE=" + *trace_ + " " + COSCOPE_ECHO_DEMO_BINARY);
    ASSERT_EQ(r.code, 0) << r.out;
    ASSERT_NE(r.out.find("20 clients done"), std::string::npos) << r.out;
  }
  static void TearDownTestSuite() {
    delete trace_;
    trace_ = nullptr;
  }
  static json summary_json(const std::string& trace) {
    const Process r = run_command(inspect("summary --json " + trace));
    EXPECT_EQ(r.code, 0);
    return json::parse(r.out);
  }
  // The findings of `kind` in tasks whose name contains `task_name`.
  static std::vector<json> findings(const json& summary, const json& tasks, const std::string& kind,
                                    const std::string& task_name) {
    std::set<std::uint64_t> ids;
    for (const json& t : tasks["tasks"])
      if (t["name"].get<std::string>().find(task_name) != std::string::npos)
        ids.insert(t["id"].get<std::uint64_t>());
    std::vector<json> out;
    for (const json& f : summary["findings"]["items"])
      if (f["kind"] == kind && f["task"].is_number() && ids.count(f["task"].get<std::uint64_t>()))
        out.push_back(f);
    return out;
  }
  static json tasks_json() {
    const Process r = run_command(inspect("tasks --json " + *trace_));
    EXPECT_EQ(r.code, 0);
    return json::parse(r.out);
  }

  static std::string* trace_;
};
std::string* EchoDemo::trace_ = nullptr;

TEST_F(EchoDemo, SummaryNamesTheProgramAndItsTasks) {
  const Process r = run_command(inspect("summary " + *trace_));
  ASSERT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("coscope_example_echo_demo"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("session()"), std::string::npos);
  EXPECT_NE(r.out.find("client()"), std::string::npos);
}

TEST_F(EchoDemo, TaskTreeHasTheServerItsSessionsTheClientsAndTheJanitor) {
  const json tasks = tasks_json();
  std::uint64_t server = 0;
  int servers = 0, janitors = 0, clients = 0;
  for (const json& t : tasks["tasks"]) {
    const std::string name = t["name"];
    if (name.find("server()") != std::string::npos)
      server = t["id"].get<std::uint64_t>(), ++servers;
    if (name.find("janitor()") != std::string::npos) ++janitors;
    if (name.find("client()") != std::string::npos) {
      ++clients;
      EXPECT_TRUE(t["parent"].is_null()) << t.dump();
    }
  }
  EXPECT_EQ(servers, 1);
  EXPECT_EQ(janitors, 1);
  EXPECT_EQ(clients, 20);
  // One session per client connection, each spawned by the server's accept loop.
  int sessions = 0;
  for (const json& t : tasks["tasks"])
    if (t["name"].get<std::string>().find("session()") != std::string::npos) {
      ++sessions;
      EXPECT_EQ(t["parent"], server) << t.dump();
    }
  EXPECT_EQ(sessions, 20);
}

TEST_F(EchoDemo, HazardsShowAsFindings) {
  const json summary = summary_json(*trace_);
  const json tasks = tasks_json();
  // The blocking sleep in the session serving the "slow" command.
  const auto blocking = findings(summary, tasks, "blocking-call", "session()");
  ASSERT_EQ(blocking.size(), 1u) << summary["findings"].dump();
  EXPECT_NE(blocking[0]["summary"].get<std::string>().find("sleep"), std::string::npos)
      << blocking[0]["summary"];
  EXPECT_GE(blocking[0]["duration_ns"].get<std::uint64_t>(), 20'000'000u);
  // Client 7's exception, thrown inside its (detached) task.
  const auto thrown = findings(summary, tasks, "exception", "client()");
  const auto lost = findings(summary, tasks, "lost-exception", "client()");
  ASSERT_EQ(thrown.size() + lost.size(), 1u) << summary["findings"].dump();
  const json& exception = thrown.empty() ? lost[0] : thrown[0];
  EXPECT_NE(exception["summary"].get<std::string>().find("client 7: short reply"),
            std::string::npos);
  // The janitor nothing wakes: still waiting when the loop stops.
  std::size_t janitor = 0;
  for (const char* kind : {"cancelled", "lost-task", "never-completed"})
    janitor += findings(summary, tasks, kind, "janitor()").size();
  EXPECT_EQ(janitor, 1u) << summary["findings"].dump();
}

TEST_F(EchoDemo, CheckFailsOnTheBlockingCall) {
  EXPECT_EQ(run_command(inspect("check " + *trace_)).code, 1);
  const Process r = run_command(inspect("check " + *trace_ + " --fail-on blocking-call"));
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("blocking-call"), std::string::npos);
  EXPECT_EQ(run_command(inspect("check " + *trace_ + " --fail-on dropped-events")).code, 0);
}

// Frames that name a function of the example and a line of its source file.
void expect_symbolized(const json& stack) {
  bool session = false, source = false;
  auto look = [&](const json& f) {
    // "(anonymous namespace)::session() [clone .actor]" from the tracer's symbols,
    // "session" from DWARF alone.
    session |= f["function"].get<std::string>().find("session") != std::string::npos;
    source |= ends_with(f["file"].get<std::string>(), "examples/echo_demo.cpp") &&
              f["line"].get<int>() > 0;
  };
  for (const json& f : stack) {
    look(f);
    if (f.contains("inlined_into"))
      for (const json& i : f["inlined_into"]) look(i);
  }
  EXPECT_TRUE(session) << stack.dump();
  EXPECT_TRUE(source) << stack.dump();
}

TEST_F(EchoDemo, StacksNameTheExamplesFunctions) {
  const json summary = summary_json(*trace_);
  for (const json& f : summary["findings"]["items"])
    if (f["kind"] == "blocking-call") expect_symbolized(f["stack"]);
  const Process r = run_command(inspect("task " + *trace_ + " 1"));
  ASSERT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("examples/echo_demo.cpp"), std::string::npos) << r.out;
}

TEST_F(EchoDemo, ExportIsChromeTraceJson) {
  const std::string out = temp_path("echo_demo.json");
  ASSERT_EQ(run_command(inspect("export " + *trace_ + " --format chrome -o " + out)).code, 0);
  const json doc = json::parse(read_text(out));
  std::size_t resumes = 0, blocking = 0, flows = 0;
  for (const json& e : doc["traceEvents"]) {
    resumes += e["ph"] == "X";
    flows += e["ph"] == "s";
    blocking += e["ph"] == "i" && e["name"] == "blocking-call";
  }
  std::uint64_t expected = 0;
  const json tasks = tasks_json();
  for (const json& t : tasks["tasks"]) expected += t["resumes"].get<std::uint64_t>();
  EXPECT_EQ(resumes, expected);
  EXPECT_GT(flows, 0u);
  EXPECT_EQ(blocking, 1u);
}

// The trace as the tracer wrote it, minus its SymbolDefs: names must then come from the
// binaries of the module map.
std::string without_symbol_defs(const std::string& path) {
  auto reader = format::TraceReader::open(path);
  EXPECT_TRUE(reader);
  std::vector<Chunk> chunks(1);
  std::size_t dropped = 0;
  while (std::optional<format::Record> r = reader->next()) {
    if (std::holds_alternative<format::SymbolDef>(*r)) {
      ++dropped;
      continue;
    }
    // Events go to a chunk of their thread; definitions stay where they were in file order.
    const format::ThreadId thread = std::visit(
        [](const auto& x) -> format::ThreadId {
          if constexpr (std::is_base_of_v<format::EventBase, std::decay_t<decltype(x)>>)
            return x.thread;
          else
            return 0;
        },
        *r);
    if (thread != 0 && thread != chunks.back().thread) {
      if (!chunks.back().records.empty()) chunks.emplace_back();
      chunks.back().thread = thread;
    }
    chunks.back().records.push_back(std::move(*r));
  }
  EXPECT_GT(dropped, 0u) << "the tracer wrote no SymbolDefs: nothing to strip";
  const std::string out = temp_path("echo_demo_nosyms.cotrace");
  EXPECT_TRUE(write_chunks(out, reader->header(), chunks));
  return out;
}

TEST_F(EchoDemo, SymbolizesFromTheBinaryWhenTheTraceHasNoSymbols) {
  const std::string stripped = without_symbol_defs(*trace_);
  const json summary = summary_json(stripped);
  bool checked = false;
  for (const json& f : summary["findings"]["items"])
    if (f["kind"] == "blocking-call") {
      expect_symbolized(f["stack"]);
      checked = true;
    }
  EXPECT_TRUE(checked) << summary.dump();

  // The names really come from the binary: without symbolization the frames have none.
  model::LoadOptions raw;
  raw.symbols = model::SymbolSource::none;
  const model::Model unnamed = load_or_die(stripped, raw);
  const model::Model named = load_or_die(stripped);
  ASSERT_FALSE(named.modules().empty());
  for (const model::Finding& f : named.findings()) {
    if (f.kind != model::FindingKind::blocking_call) continue;
    std::size_t with_names = 0;
    for (const model::AsyncFrame& frame : unnamed.finding_stack(f))
      with_names += frame.address != 0 && !frame.symbol.empty();
    EXPECT_EQ(with_names, 0u);
    for (const model::AsyncFrame& frame : named.finding_stack(f))
      with_names += frame.address != 0 && !frame.symbol.empty();
    EXPECT_GT(with_names, 3u);
  }

  // Return addresses are looked up at the call (the byte before): the binary then gives the
  // same file:line as the tracer's own symbols for the blocking call's caller frames.
  const model::Model original = load_or_die(*trace_);
  auto blocking_frames = [](const model::Model& m) {
    std::vector<std::pair<std::string, std::uint32_t>> out;
    for (const model::Finding& f : m.findings())
      if (f.kind == model::FindingKind::blocking_call)
        for (const model::AsyncFrame& frame : m.finding_stack(f))
          if (frame.role == model::FrameRole::finding_frame)
            out.emplace_back(frame.symbol.empty() ? "" : frame.symbol.front().file,
                             frame.symbol.empty() ? 0 : frame.symbol.front().line);
    return out;
  };
  const auto want = blocking_frames(original), got = blocking_frames(named);
  ASSERT_EQ(want.size(), got.size());
  std::size_t compared = 0;
  for (std::size_t i = 1; i < want.size(); ++i) {
    if (want[i].first.empty() || got[i].first.empty()) continue;  // e.g. libc without DWARF
    EXPECT_EQ(got[i], want[i]) << "frame " << i;
    ++compared;
  }
  EXPECT_GE(compared, 3u);
}

}  // namespace
}  // namespace coscope::inspect::testing
