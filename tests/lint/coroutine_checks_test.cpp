// Options and front ends of coscope-lock-across-suspend, coscope-reference-param and
// coscope-capturing-lambda-coroutine through the real binaries: options set in
// .coscope-lint.yaml (CheckOptions) change what the CLI reports, the plugin reads the same
// options from clang-tidy's config and keeps them through --dump-config, and --explain prints
// each check's page.
#include "process.h"

#include <gtest/gtest.h>

#include <sstream>

namespace coscope::lint::test {
namespace {

const std::string kTask = R"(#include <coroutine>
struct task {
  struct promise_type {
    task get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};
)";

const std::string kTidy = tidyCommand();

std::string lint(const std::string& args) {
  return quote(COSCOPE_LINT_BIN) + " " + args;
}

// A lock of our own and a standard one, each held across a co_await.
const std::string kLocks = "#include <mutex>\n" + kTask + R"(namespace mylib {
struct Guard {
  explicit Guard(std::mutex&);
  ~Guard();
};
}  // namespace mylib
std::mutex m;
task f() {
  {
    mylib::Guard own(m);
    co_await std::suspend_always{};
  }
  std::lock_guard standard(m);
  co_await std::suspend_always{};
}
)";

TEST(LockAcrossSuspendOptions, LockTypesFromTheConfigReplaceTheDefaultList) {
  ScratchDir dir;
  dir.write("src/f.cpp", kLocks);
  const std::string args = "--checks=-*,coscope-lock-across-suspend src/f.cpp -- -std=c++20";
  auto before = runCommand(lint(args), dir.path());
  EXPECT_EQ(before.code, 1) << before.err;
  EXPECT_NE(before.out.find("while lock 'standard' is held"), std::string::npos) << before.out;
  EXPECT_EQ(before.out.find("lock 'own'"), std::string::npos) << before.out;

  dir.write(".coscope-lint.yaml",
            "CheckOptions:\n  coscope-lock-across-suspend.LockTypes: 'mylib::Guard'\n");
  auto after = runCommand(lint(args), dir.path());
  EXPECT_EQ(after.code, 1) << after.err;
  EXPECT_NE(after.out.find("src/f.cpp:22:5: warning: coroutine 'f' suspends at 'co_await' while "
                           "lock 'own' is held"),
            std::string::npos)
      << after.out;
  EXPECT_EQ(after.out.find("lock 'standard'"), std::string::npos) << "replaced, not extended";
  EXPECT_EQ(countOf(after.out, "warning:"), 1) << after.out;

  // The plugin takes the same option from clang-tidy's config and finds the same.
  auto tidy = runCommand(kTidy +
                             " --checks='-*,coscope-lock-across-suspend' --config="
                             "\"{CheckOptions: {coscope-lock-across-suspend.LockTypes: "
                             "'mylib::Guard'}}\" src/f.cpp -- -std=c++20",
                         dir.path());
  EXPECT_NE(tidy.out.find("f.cpp:22:5: warning: coroutine 'f' suspends at 'co_await' while lock "
                          "'own' is held"),
            std::string::npos)
      << tidy.out << tidy.err;
  EXPECT_EQ(countOf(tidy.out, "warning:"), 1) << tidy.out;
}

const std::string kParams = "#include <string_view>\n" + kTask + R"(namespace mylib {
struct Registry {};
struct Slice {
  const char* data;
};
}  // namespace mylib
void use(const void*);
task f(mylib::Registry& registry, mylib::Slice slice, std::string_view text) {
  use(&registry);
  use(slice.data);
  use(text.data());
  co_return;
}
)";

TEST(ReferenceParamOptions, AllowedTypesAndViewTypesFromTheConfig) {
  ScratchDir dir;
  dir.write("f.cpp", kParams);
  const std::string args = "--checks=-*,coscope-reference-param f.cpp -- -std=c++20";
  auto before = runCommand(lint(args), dir.path());
  EXPECT_EQ(before.code, 1) << before.err;
  EXPECT_NE(before.out.find("parameter 'registry' of coroutine 'f' is a reference"),
            std::string::npos)
      << before.out;
  EXPECT_NE(before.out.find("parameter 'text' of coroutine 'f' is a view"), std::string::npos);
  EXPECT_EQ(before.out.find("'slice'"), std::string::npos) << before.out;

  dir.write(".coscope-lint.yaml",
            "CheckOptions:\n"
            "  coscope-reference-param.AllowedTypes: 'mylib::Registry'\n"
            "  coscope-reference-param.ViewTypes: 'mylib::Slice'\n");
  auto after = runCommand(lint(args), dir.path());
  EXPECT_EQ(after.code, 1) << after.err;
  EXPECT_NE(after.out.find("parameter 'slice' of coroutine 'f' is a view ('mylib::Slice')"),
            std::string::npos)
      << after.out;
  EXPECT_EQ(after.out.find("'registry'"), std::string::npos) << "allowed";
  EXPECT_EQ(after.out.find("'text'"), std::string::npos) << "ViewTypes replaces the default";
  EXPECT_EQ(countOf(after.out, "warning:"), 1) << after.out;
}

// C++23 explicit object parameter by value: the lambda is copied into the frame, so only what
// still refers outside (by-reference captures, this) is reported.
TEST(CapturingLambdaCoroutine, DeducingThisByValueLeavesOnlyReferences) {
  ScratchDir dir;
  dir.write("f.cpp", kTask + R"(void spawn(task);
void f() {
  int a = 1, b = 2;
  spawn([a, &b](this auto self) -> task { (void)(a + b); co_return; }());
  spawn([a](this auto self) -> task { (void)a; co_return; }());
  auto by_reference = [a](this auto& self) -> task { (void)a; co_return; };
  spawn(by_reference());
}
)");
  auto run = runCommand(lint("--checks=-*,coscope-capturing-lambda-coroutine f.cpp -- -std=c++23"),
                        dir.path());
  EXPECT_EQ(run.code, 1) << run.err;
  EXPECT_NE(run.out.find("f.cpp:14:9: warning: lambda coroutine captures 'b' by reference:"),
            std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("f.cpp:16:23: warning: lambda coroutine captures 'a' by copy:"),
            std::string::npos)
      << "a reference to the lambda copies nothing\n"
      << run.out;
  EXPECT_EQ(countOf(run.out, "warning:"), 2) << run.out;
}

// Option names are read and written under the same key: a dump reloads to the same options.
TEST(CoroutineCheckOptions, SurviveClangTidyDumpAndReload) {
  ScratchDir dir;
  const std::string config =
      "{CheckOptions: {coscope-lock-across-suspend.LockTypes: 'std::lock_guard;mylib::Guard', "
      "coscope-reference-param.ViewTypes: 'std::span;absl::Span', "
      "coscope-reference-param.AllowedTypes: 'boost::asio::io_context'}}";
  const auto dumps =
      dumpAndReloadOptions(config, {"coscope-lock-across-suspend.", "coscope-reference-param."});
  ASSERT_EQ(dumps.first.code, 0) << dumps.first.err;
  ASSERT_EQ(dumps.second.code, 0) << dumps.second.err;
  for (const char* expected :
       {"coscope-lock-across-suspend.LockTypes: 'std::lock_guard;mylib::Guard'",
        "coscope-reference-param.ViewTypes: 'std::span;absl::Span'",
        "coscope-reference-param.AllowedTypes: 'boost::asio::io_context'"})
    EXPECT_NE(dumps.before.find(expected), std::string::npos) << expected << "\n"
                                                              << dumps.first.out;
  EXPECT_EQ(countOf(dumps.before, "\n"), 3) << dumps.first.out;
  EXPECT_EQ(dumps.before, dumps.after);

  // Without a config, the defaults are what the check reports it uses.
  auto defaults = runCommand(kTidy + " --checks='-*,coscope-*' --dump-config", dir.path());
  EXPECT_NE(defaults.out.find("coscope-lock-across-suspend.LockTypes: "
                              "'std::lock_guard;std::unique_lock;std::scoped_lock;std::shared_"
                              "lock'"),
            std::string::npos)
      << defaults.out;
  EXPECT_NE(
      defaults.out.find("coscope-reference-param.ViewTypes: 'std::basic_string_view;std::span'"),
      std::string::npos);
}

TEST(CoroutineChecksInfo, ListedAndExplained) {
  ScratchDir dir;
  auto list = runCommand(lint("--list-checks"), dir.path());
  for (const std::string check : {"coscope-capturing-lambda-coroutine",
                                  "coscope-lock-across-suspend", "coscope-reference-param"}) {
    EXPECT_NE(list.out.find(check), std::string::npos) << check;
    auto explain = runCommand(lint("--explain " + check), dir.path());
    EXPECT_EQ(explain.code, 0) << explain.err;
    EXPECT_NE(explain.out.find("# " + check), std::string::npos) << explain.out;
    EXPECT_NE(explain.out.find("## Options"), std::string::npos) << check;
  }
}

}  // namespace
}  // namespace coscope::lint::test
