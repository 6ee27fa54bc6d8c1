// Options of coscope-discarded-awaitable and coscope-detached-exception, through the real
// binaries: set with .coscope-lint.yaml's CheckOptions for the CLI, and kept by clang-tidy's
// --dump-config and reload for the plugin.
#include "process.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>

namespace coscope::lint::test {
namespace {

const std::string kLint = quote(COSCOPE_LINT_BIN);
const std::string kTidy = tidyCommand();

TEST(DiscardedAwaitableOptions, AwaitableTypesFromTheConfigFile) {
  ScratchDir dir;
  const std::string code =
      "namespace mylib { template <class T> struct lazy {}; }\n"
      "mylib::lazy<int> fetch();\n"
      "void f() {\n  fetch();\n}\n";
  dir.write("a.cpp", code);
  const std::string args = " --checks=-*,coscope-discarded-awaitable a.cpp -- -std=c++20";
  auto without = runCommand(kLint + args, dir.path());
  EXPECT_EQ(without.code, 0) << without.out << without.err;
  dir.write(".coscope-lint.yaml",
            "CheckOptions:\n  coscope-discarded-awaitable.AwaitableTypes: '::mylib::lazy'\n");
  auto with = runCommand(kLint + args, dir.path());
  EXPECT_EQ(with.code, 1) << with.err;
  EXPECT_NE(with.out.find("a.cpp:4:3: warning: awaitable of type 'mylib::lazy' returned by "
                          "'fetch' is discarded"),
            std::string::npos)
      << with.out;
}

const std::string kSpawn = R"(#include <coroutine>
#include <stdexcept>
namespace asio {
template <class T> struct awaitable {
  struct promise_type {
    awaitable get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};
struct detached_t {};
inline constexpr detached_t detached;
template <class E, class W, class T> void co_spawn(E&, W, T) {}
}
namespace mylib { struct forget_t {}; inline constexpr forget_t forget; int risky(); template <class E, class W, class T> void spawn(E&, W, T) {} }
void deep() { throw std::runtime_error("x"); }
void middle() { deep(); }
asio::awaitable<void> work() { middle(); co_return; }
asio::awaitable<void> listed() { mylib::risky(); co_return; }
void spawn(int& ex) {
  asio::co_spawn(ex, work(), asio::detached);
  asio::co_spawn(ex, work(), mylib::forget);
  asio::co_spawn(ex, listed(), asio::detached);
  mylib::spawn(ex, work(), asio::detached);
}
)";

TEST(DetachedExceptionOptions, TokensDepthAndThrowingFunctionsFromTheConfigFile) {
  ScratchDir dir;
  dir.write("s.cpp", kSpawn);
  const std::string args = " --checks=-*,coscope-detached-exception s.cpp -- -std=c++20";
  auto defaults = runCommand(kLint + args, dir.path());
  EXPECT_EQ(defaults.code, 1) << defaults.err;
  EXPECT_NE(defaults.out.find("s.cpp:23:3: warning: 'work' can throw"), std::string::npos)
      << defaults.out;
  EXPECT_EQ(countOf(defaults.out, "warning:"), 1) << defaults.out;

  dir.write(".coscope-lint.yaml",
            "CheckOptions:\n"
            "  coscope-detached-exception.DetachedTokens: 'asio::detached;mylib::forget'\n"
            "  coscope-detached-exception.ThrowingFunctions: 'mylib::risky'\n"
            "  coscope-detached-exception.SpawnFunctions: 'asio::co_spawn;mylib::spawn'\n");
  auto extended = runCommand(kLint + args, dir.path());
  EXPECT_EQ(extended.code, 1) << extended.err;
  EXPECT_NE(extended.out.find("s.cpp:24:3: warning: 'work' can throw"), std::string::npos)
      << extended.out;
  EXPECT_NE(extended.out.find("s.cpp:25:3: warning: 'listed' can throw"), std::string::npos);
  EXPECT_NE(extended.out.find("note: 'mylib::risky' throws on failure"), std::string::npos);
  EXPECT_NE(extended.out.find("s.cpp:26:3: warning: 'work' can throw"), std::string::npos);
  EXPECT_EQ(countOf(extended.out, "warning:"), 4) << extended.out;

  // work -> middle -> deep -> throw is two calls below the coroutine.
  dir.write(".coscope-lint.yaml", "CheckOptions:\n  coscope-detached-exception.CallDepth: '1'\n");
  auto shallow = runCommand(kLint + args, dir.path());
  EXPECT_EQ(shallow.code, 0) << shallow.out << shallow.err;
  dir.write(".coscope-lint.yaml", "CheckOptions:\n  coscope-detached-exception.CallDepth: '2'\n");
  EXPECT_EQ(runCommand(kLint + args, dir.path()).code, 1);
}

const std::string kTransitive = R"(#include <coroutine>
#include <unistd.h>
struct task {
  struct promise_type {
    task get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};
void warm_cache() { ::sleep(1); }
void prepare() { warm_cache(); }
task session() {
  prepare();
  co_return;
}
)";

TEST(TransitiveBlockingOptions, DepthAndAllowedFunctionsFromTheConfigFile) {
  ScratchDir dir;
  dir.write("t.cpp", kTransitive);
  const std::string args = " --checks=-*,coscope-blocking-call t.cpp -- -std=c++20";
  auto defaults = runCommand(kLint + args, dir.path());
  EXPECT_EQ(defaults.code, 1) << defaults.err;
  EXPECT_NE(defaults.out.find("t.cpp:15:3: warning: call to 'prepare' inside coroutine 'session' "
                              "blocks: prepare -> warm_cache -> sleep (sleeps)"),
            std::string::npos)
      << defaults.out;
  EXPECT_NE(defaults.out.find("t.cpp:13:18: note: 'prepare' calls 'warm_cache' here"),
            std::string::npos);
  EXPECT_NE(defaults.out.find("t.cpp:12:21: note: 'warm_cache' blocks here: call to 'sleep'"),
            std::string::npos);
  dir.write(".coscope-lint.yaml", "CheckOptions:\n  coscope-blocking-call.TransitiveDepth: '2'\n");
  EXPECT_EQ(runCommand(kLint + args, dir.path()).code, 1) << "two functions: prepare, warm_cache";
  dir.write(".coscope-lint.yaml", "CheckOptions:\n  coscope-blocking-call.TransitiveDepth: '1'\n");
  EXPECT_EQ(runCommand(kLint + args, dir.path()).code, 0);
  dir.write(".coscope-lint.yaml", "CheckOptions:\n  coscope-blocking-call.TransitiveDepth: '0'\n");
  EXPECT_EQ(runCommand(kLint + args, dir.path()).code, 0);
  // An allowed function is a boundary: what it calls is fine in this code base.
  dir.write(".coscope-lint.yaml", "AllowedFunctions: [warm_cache]\n");
  auto allowed = runCommand(kLint + args, dir.path());
  EXPECT_EQ(allowed.code, 0) << allowed.out;
}

// Cross-TU transitive blocking: a small project whose coroutine (server.cpp) calls handle()
// (handler.cpp), which calls parse_config() (config.cpp), which opens a file. Only coscope-lint
// with a database sees the chain; the second run takes every summary from the cache, and a
// changed file (or a changed header) is summarised again.
TEST(CrossTuSummaries, ChainAcrossFilesAndTheCacheIsReusedUntilAFileChanges) {
  ScratchDir dir;
  dir.write("src/task.h", kTransitive.substr(0, kTransitive.find("void warm_cache")) +
                              "#include <string>\n"
                              "std::string parse_config(const std::string& path);\n"
                              "void handle(const std::string& path);\n");
  const std::string blockingConfig =
      "#include \"task.h\"\n#include <fstream>\n"
      "std::string parse_config(const std::string& path) {\n"
      "  std::ifstream in(path);\n  return {};\n}\n";
  dir.write("src/config.cpp", blockingConfig);
  dir.write("src/handler.cpp",
            "#include \"task.h\"\nvoid handle(const std::string& path) {\n"
            "  parse_config(path);\n}\n");
  dir.write("src/server.cpp",
            "#include \"task.h\"\ntask session() {\n  handle(\"app.conf\");\n  co_return;\n}\n");
  nlohmann::json db = nlohmann::json::array();
  for (const char* name : {"config", "handler", "server"})
    db.push_back({{"directory", dir.path().string()},
                  {"command", std::string("/usr/bin/clang++-19 -std=c++20 -c src/") + name +
                                  ".cpp -o " + name + ".o"},
                  {"file", std::string("src/") + name + ".cpp"}});
  dir.write("build/compile_commands.json", db.dump(2));
  const std::string run = kLint + " -p build --stats -j 2 --checks=-*,coscope-blocking-call";

  auto cold = runCommand(run, dir.path());
  EXPECT_EQ(cold.code, 1) << cold.err;
  EXPECT_NE(cold.out.find("src/server.cpp:3:3: warning: call to 'handle' inside coroutine "
                          "'session' blocks: handle -> parse_config -> std::basic_ifstream "
                          "(file I/O)"),
            std::string::npos)
      << cold.out;
  EXPECT_NE(cold.out.find("src/handler.cpp:3:3: note: 'handle' calls 'parse_config' here"),
            std::string::npos);
  EXPECT_NE(cold.out.find("src/config.cpp:4:17: note: 'parse_config' blocks here: construction "
                          "of 'std::basic_ifstream'"),
            std::string::npos);
  EXPECT_NE(cold.err.find("summaries of 3 files: 0 from the cache, 3 computed"), std::string::npos)
      << cold.err;

  auto warm = runCommand(run + " src/server.cpp", dir.path());
  EXPECT_EQ(warm.code, 1) << warm.err;
  EXPECT_NE(warm.err.find("summaries of 3 files: 3 from the cache, 0 computed"), std::string::npos)
      << warm.err;
  EXPECT_EQ(warm.out.substr(0, warm.out.find("finding")),
            cold.out.substr(0, cold.out.find("finding")));

  // parse_config no longer blocks: its file is summarised again, the others come from the cache.
  dir.write("src/config.cpp",
            "#include \"task.h\"\nstd::string parse_config(const std::string& path) {\n"
            "  return path;\n}\n");
  auto fixed = runCommand(run, dir.path());
  EXPECT_EQ(fixed.code, 0) << fixed.out;
  EXPECT_NE(fixed.err.find("2 from the cache, 1 computed"), std::string::npos) << fixed.err;

  // A header every file includes changes every file's summaries.
  dir.write("src/config.cpp", blockingConfig);
  dir.write("src/task.h", dir.read("src/task.h") + "// edited\n");
  auto edited = runCommand(run, dir.path());
  EXPECT_EQ(edited.code, 1) << edited.err;
  EXPECT_NE(edited.err.find("0 from the cache, 3 computed"), std::string::npos) << edited.err;

  // The clang-tidy plugin sees one file at a time: same-TU chains only (documented).
  auto tidy =
      runCommand(kTidy + " --checks=-*,coscope-blocking-call -p build src/server.cpp", dir.path());
  EXPECT_EQ(tidy.out.find("warning:"), std::string::npos) << tidy.out;
}

// A file of the database that clang rejects is left out of the graph (a partial summary may
// show a chain the code does not have), and its failure is cached like a summary: a warm run
// does not parse it again. The summary pass prints nothing about it (it may not be a file the
// user asked for); a run that checks it prints its errors once.
TEST(CrossTuSummaries, FilesThatDoNotParseStayOutOfTheGraphAndAreQuiet) {
  ScratchDir dir;
  dir.write("lib.cpp",
            "#include <unistd.h>\nvoid helper() { ::usleep(1); }\n"
            "void other() { not_declared(); }\n");
  dir.write("use.cpp", kTransitive.substr(0, kTransitive.find("void warm_cache")) +
                           "void helper();\ntask session() {\n  helper();\n  co_return;\n}\n");
  nlohmann::json db = nlohmann::json::array();
  for (const char* name : {"lib.cpp", "use.cpp"})
    db.push_back({{"directory", dir.path().string()},
                  {"arguments", {"/usr/bin/clang++-19", "-std=c++20", "-c", name}},
                  {"file", name}});
  dir.write("build/compile_commands.json", db.dump(2));
  const std::string run = kLint + " -p build --stats --checks=-*,coscope-blocking-call";

  auto cold = runCommand(run + " use.cpp", dir.path());
  EXPECT_EQ(cold.code, 0) << cold.out << cold.err;
  EXPECT_EQ(cold.out.find("helper"), std::string::npos) << cold.out;
  EXPECT_NE(cold.err.find("summaries of 2 files: 0 from the cache, 1 computed, 1 failed"),
            std::string::npos)
      << cold.err;
  EXPECT_EQ(cold.err.find("lib.cpp"), std::string::npos) << cold.err;
  EXPECT_EQ(cold.err.find("Error while processing"), std::string::npos) << cold.err;

  auto warm = runCommand(run + " use.cpp", dir.path());
  EXPECT_EQ(warm.code, 0) << warm.out << warm.err;
  EXPECT_NE(warm.err.find("summaries of 2 files: 1 from the cache, 0 computed, 1 failed"),
            std::string::npos)
      << warm.err;

  auto all = runCommand(run, dir.path());
  EXPECT_EQ(all.code, 3) << all.out << all.err;
  EXPECT_EQ(countOf(all.err, "use of undeclared identifier 'not_declared'"), 1) << all.err;
  EXPECT_EQ(all.err.find("Error while processing"), std::string::npos) << all.err;
}

// As PluginOptions.SurviveDumpAndReload does for coscope-blocking-call.
TEST(AsyncCheckOptions, SurviveDumpAndReload) {
  const std::string config =
      "{CheckOptions: {coscope-discarded-awaitable.AwaitableTypes: 'mylib::lazy;asio::awaitable', "
      "coscope-detached-exception.DetachedTokens: 'mylib::forget', "
      "coscope-detached-exception.ThrowingFunctions: 'mylib::risky;std::stoi', "
      "coscope-detached-exception.CallDepth: '5', "
      "coscope-detached-exception.SpawnFunctions: 'mylib::spawn', "
      "coscope-blocking-call.TransitiveDepth: '6'}}";
  const auto dumps =
      dumpAndReloadOptions(config, {"coscope-discarded-awaitable.", "coscope-detached-exception.",
                                    "coscope-blocking-call.TransitiveDepth"});
  ASSERT_EQ(dumps.first.code, 0) << dumps.first.err;
  ASSERT_EQ(dumps.second.code, 0) << dumps.second.err;
  for (const char* expected :
       {"coscope-discarded-awaitable.AwaitableTypes: 'mylib::lazy;asio::awaitable'",
        "coscope-detached-exception.DetachedTokens: 'mylib::forget'",
        "coscope-detached-exception.ThrowingFunctions: 'mylib::risky;std::stoi'",
        "coscope-detached-exception.CallDepth: '5'",
        "coscope-detached-exception.SpawnFunctions: 'mylib::spawn'",
        "coscope-blocking-call.TransitiveDepth: '6'"})
    EXPECT_NE(dumps.before.find(expected), std::string::npos) << expected << "\n"
                                                              << dumps.first.out;
  EXPECT_EQ(countOf(dumps.before, "\n"), 6) << dumps.first.out;
  EXPECT_EQ(dumps.before, dumps.after);
}

}  // namespace
}  // namespace coscope::lint::test
