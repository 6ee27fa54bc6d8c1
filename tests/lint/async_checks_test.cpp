// Options of coscope-discarded-awaitable and coscope-detached-exception, through the real
// binaries: set with .coscope-lint.yaml's CheckOptions for the CLI, and kept by clang-tidy's
// --dump-config and reload for the plugin.
#include "process.h"

#include <gtest/gtest.h>

#include <sstream>

namespace coscope::lint::test {
namespace {

const std::string kLint = quote(COSCOPE_LINT_BIN);
const std::string kTidy =
    std::string(quote(COSCOPE_CLANG_TIDY)) + " --quiet --load=" + quote(COSCOPE_TIDY_PLUGIN);

int countOf(const std::string& text, const std::string& what) {
  int n = 0;
  for (auto pos = text.find(what); pos != std::string::npos; pos = text.find(what, pos + 1)) ++n;
  return n;
}

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

// As PluginOptions.SurviveDumpAndReload does for coscope-blocking-call.
TEST(AsyncCheckOptions, SurviveDumpAndReload) {
  ScratchDir dir;
  const std::string config =
      "{CheckOptions: {coscope-discarded-awaitable.AwaitableTypes: 'mylib::lazy;asio::awaitable', "
      "coscope-detached-exception.DetachedTokens: 'mylib::forget', "
      "coscope-detached-exception.ThrowingFunctions: 'mylib::risky;std::stoi', "
      "coscope-detached-exception.CallDepth: '5', "
      "coscope-detached-exception.SpawnFunctions: 'mylib::spawn', "
      "coscope-blocking-call.TransitiveDepth: '6'}}";
  auto first = runCommand(
      kTidy + " --checks='-*,coscope-*' --config=" + quote(config) + " --dump-config", dir.path());
  ASSERT_EQ(first.code, 0) << first.err;
  for (const char* expected :
       {"coscope-discarded-awaitable.AwaitableTypes: 'mylib::lazy;asio::awaitable'",
        "coscope-detached-exception.DetachedTokens: 'mylib::forget'",
        "coscope-detached-exception.ThrowingFunctions: 'mylib::risky;std::stoi'",
        "coscope-detached-exception.CallDepth: '5'",
        "coscope-detached-exception.SpawnFunctions: 'mylib::spawn'",
        "coscope-blocking-call.TransitiveDepth: '6'"})
    EXPECT_NE(first.out.find(expected), std::string::npos) << expected << "\n" << first.out;
  dir.write("dumped.yaml", first.out);
  auto second = runCommand(kTidy + " --config-file=dumped.yaml --dump-config", dir.path());
  ASSERT_EQ(second.code, 0) << second.err;
  auto ours = [](const std::string& dump) {
    std::string lines;
    std::istringstream in(dump);
    for (std::string line; std::getline(in, line);)
      if (line.find("coscope-discarded-awaitable.") != std::string::npos ||
          line.find("coscope-detached-exception.") != std::string::npos ||
          line.find("coscope-blocking-call.TransitiveDepth") != std::string::npos)
        lines += line + "\n";
    return lines;
  };
  EXPECT_EQ(countOf(ours(first.out), "\n"), 6) << first.out;
  EXPECT_EQ(ours(first.out), ours(second.out));
}

}  // namespace
}  // namespace coscope::lint::test
