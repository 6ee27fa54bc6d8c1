// coscope-lint as a CI job runs it: the real binary on real files in a scratch directory.
#include "process.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sstream>

namespace coscope::lint::test {
namespace {

const std::string kTask = R"(#include <coroutine>
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
)";
const std::string kBlocking = kTask + "task f() {\n  ::sleep(1);\n  co_return;\n}\n";
const std::string kClean = kTask + "task g() { co_return; }\n";
const std::string kBroken = kTask + "task h() { undeclared_thing(); co_return; }\n";

std::string lint(const std::string& args) {
  return quote(COSCOPE_LINT_BIN) + " " + args;
}
const std::string kArgs = " -- -std=c++20";

// A compile_commands.json for files of the scratch directory, as CMake would write it.
void writeDatabase(const ScratchDir& dir, const std::vector<std::string>& files) {
  nlohmann::json db = nlohmann::json::array();
  for (const auto& f : files)
    db.push_back({{"directory", dir.path().string()},
                  {"command", "/usr/bin/clang++-19 -std=c++20 -c " + f + " -o " + f + ".o"},
                  {"file", f}});
  dir.write("build/compile_commands.json", db.dump(2));
}

TEST(CliExitCodes, CleanIsZeroFindingsIsOne) {
  ScratchDir dir;
  dir.write("clean.cpp", kClean);
  dir.write("blocking.cpp", kBlocking);
  auto clean = runCommand(lint("clean.cpp" + kArgs), dir.path());
  EXPECT_EQ(clean.code, 0) << clean.err;
  EXPECT_EQ(clean.out, "");
  auto found = runCommand(lint("blocking.cpp" + kArgs), dir.path());
  EXPECT_EQ(found.code, 1) << found.err;
  EXPECT_NE(
      found.out.find("blocking.cpp:13:3: warning: blocking call to 'sleep' inside coroutine 'f'"),
      std::string::npos)
      << found.out;
  EXPECT_EQ(found.out.find("\033["), std::string::npos)
      << "no colour when stdout is not a terminal";
}

TEST(CliExitCodes, UsageAndConfigErrorsAreTwo) {
  ScratchDir dir;
  dir.write("blocking.cpp", kBlocking);
  EXPECT_EQ(runCommand(lint("--no-such-flag blocking.cpp" + kArgs), dir.path()).code, 2);
  EXPECT_EQ(runCommand(lint("--format xml blocking.cpp" + kArgs), dir.path()).code, 2);
  EXPECT_EQ(runCommand(lint("-p missing-dir blocking.cpp"), dir.path()).code, 2);
  EXPECT_EQ(runCommand(lint("missing.cpp" + kArgs), dir.path()).code, 2);
  EXPECT_EQ(runCommand(lint("--baseline missing.json blocking.cpp" + kArgs), dir.path()).code, 2);
  EXPECT_EQ(runCommand(lint("--explain no-such-check"), dir.path()).code, 2);
  dir.write("bad.yaml", "Checks: [unterminated\n");
  auto bad = runCommand(lint("--config bad.yaml blocking.cpp" + kArgs), dir.path());
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.err.find("bad.yaml"), std::string::npos) << bad.err;
  dir.write(".coscope-lint.yaml", "CatalogFile: nowhere.json\n");
  EXPECT_EQ(runCommand(lint("blocking.cpp" + kArgs), dir.path()).code, 2)
      << "found upward, and validated";
}

TEST(CliCompilationDatabase, ChecksEveryFileAndReportsParseFailuresWithExitThree) {
  ScratchDir dir;
  dir.write("a_clean.cpp", kClean);
  dir.write("b_broken.cpp", kBroken);
  dir.write("c_blocking.cpp", kBlocking);
  writeDatabase(dir, {"a_clean.cpp", "b_broken.cpp", "c_blocking.cpp"});
  auto run = runCommand(lint("-p build -j 2"), dir.path());
  EXPECT_EQ(run.code, 3) << run.err;
  EXPECT_NE(
      run.err.find("b_broken.cpp:12:12: error: use of undeclared identifier 'undeclared_thing'"),
      std::string::npos)
      << run.err;
  EXPECT_NE(run.out.find("c_blocking.cpp:13:3: warning:"), std::string::npos)
      << "the good files are still checked";
  EXPECT_NE(run.err.find("in 3 file(s)"), std::string::npos) << run.err;
  // A directory stands for the database files below it.
  dir.write("sub/d_blocking.cpp", kBlocking);
  writeDatabase(dir, {"a_clean.cpp", "c_blocking.cpp", "sub/d_blocking.cpp"});
  auto below = runCommand(lint("-p build sub"), dir.path());
  EXPECT_EQ(below.code, 1) << below.err;
  EXPECT_NE(below.out.find("sub/d_blocking.cpp:13:3: warning:"), std::string::npos) << below.out;
  EXPECT_NE(below.err.find("in 1 file(s)"), std::string::npos) << below.err;
  // Naming one file of the database checks only that file.
  auto one = runCommand(lint("-p build c_blocking.cpp"), dir.path());
  EXPECT_EQ(one.code, 1) << one.err;
  EXPECT_NE(one.err.find("in 1 file(s)"), std::string::npos);
}

TEST(CliCompilationDatabase, GccOnlyWarningFlagsUnderWerrorDoNotStopTheParse) {
  ScratchDir dir;
  dir.write("blocking.cpp", kBlocking);
  nlohmann::json db = nlohmann::json::array();
  db.push_back({{"directory", dir.path().string()},
                {"command",
                 "/usr/bin/c++ -std=c++20 -Wall -Werror -Wno-error=restrict -Wno-tsan -c "
                 "blocking.cpp -o blocking.cpp.o"},
                {"file", "blocking.cpp"}});
  dir.write("build/compile_commands.json", db.dump(2));
  auto run = runCommand(lint("-p build"), dir.path());
  EXPECT_EQ(run.code, 1) << run.err;
  EXPECT_NE(run.out.find("blocking.cpp:13:3: warning:"), std::string::npos) << run.out;
  EXPECT_EQ(run.err.find("unknown warning option"), std::string::npos) << run.err;
}

// A file the database does not list (a new file, a header) borrows a neighbour's command, which
// clang ends with "-- <file>"; some databases' "arguments" carry a "--" of their own. Our extra
// arguments (resource dir, no carets) must go before it, or the driver takes them for files.
TEST(CliCompilationDatabase, BorrowedCommandsAndDoubleDashInArgumentsStillParse) {
  ScratchDir dir;
  dir.write("listed.cpp", kClean);
  dir.write("unlisted.cpp", kBlocking);
  dir.write("task.hpp", "#pragma once\n" + kBlocking);
  dir.write("dashed.cpp", kBlocking);
  nlohmann::json db = nlohmann::json::array();
  db.push_back({{"directory", dir.path().string()},
                {"command", "/usr/bin/clang++-19 -std=c++20 -c listed.cpp -o listed.o"},
                {"file", "listed.cpp"}});
  db.push_back({{"directory", dir.path().string()},
                {"arguments",
                 {"/usr/bin/clang++-19", "-std=c++20", "-c", "-o", "dashed.o", "--", "dashed.cpp"}},
                {"file", "dashed.cpp"}});
  dir.write("build/compile_commands.json", db.dump(2));
  for (const std::string where : {"unlisted.cpp:13", "task.hpp:14", "dashed.cpp:13"}) {
    const std::string file = where.substr(0, where.find(':'));
    auto run = runCommand(lint("-p build " + file), dir.path());
    EXPECT_EQ(run.code, 1) << file << "\n" << run.out << run.err;
    EXPECT_NE(run.out.find(where + ":3: warning: blocking call to 'sleep'"), std::string::npos)
        << run.out;
    EXPECT_EQ(run.err.find("no such file or directory"), std::string::npos) << run.err;
  }
}

// A header linted on its own is parsed as C++ with the flags of a C++ file of the database, also
// when a C file is its closest neighbour, and a `.h` given compiler arguments is C++ unless they
// say C. Clang's interpolation alone borrows the closest file's language: C for util.h next to
// util.c, and a `.h` without a database is a C header to the driver.
TEST(CliHeaders, AHeaderTheDatabaseDoesNotListIsParsedAsCxx) {
  ScratchDir dir;
  const std::string header = "#pragma once\n" + kBlocking;  // the sleep is on line 14
  dir.write("src/main.cpp", "#include \"task.h\"\nint main() { f(); }\n");
  dir.write("src/util.c", "int util(void) { return 0; }\n");
  dir.write("src/util.h", header);
  dir.write("include/task.h", header);
  dir.write("include/task.hpp", header);
  nlohmann::json db = nlohmann::json::array();
  db.push_back({{"directory", dir.path().string()},
                {"command", "/usr/bin/clang++-19 -std=c++20 -Iinclude -c src/main.cpp -o main.o"},
                {"file", "src/main.cpp"}});
  db.push_back({{"directory", dir.path().string()},
                {"command", "/usr/bin/clang-19 -std=c11 -c src/util.c -o util.o"},
                {"file", "src/util.c"}});
  dir.write("build/compile_commands.json", db.dump(2));
  for (const std::string file : {"src/util.h", "include/task.h", "include/task.hpp"}) {
    auto run = runCommand(lint("-p build " + file), dir.path());
    EXPECT_EQ(run.code, 1) << file << "\n" << run.out << run.err;
    EXPECT_NE(run.out.find(file + ":14:3: warning: blocking call to 'sleep'"), std::string::npos)
        << run.out;
  }
  auto given = runCommand(lint("include/task.h" + kArgs), dir.path());
  EXPECT_EQ(given.code, 1) << given.out << given.err;
  EXPECT_NE(given.out.find("include/task.h:14:3: warning:"), std::string::npos) << given.out;
  // Arguments that say C keep a C header C: `class` is a plain identifier there.
  dir.write("plain.h", "int class = 1;\n");
  auto c = runCommand(lint("plain.h -- -std=c11"), dir.path());
  EXPECT_EQ(c.code, 0) << c.out << c.err;
}

TEST(CliBaseline, FingerprintsSurviveInsertedLinesAndNewFindingsStillFail) {
  ScratchDir dir;
  dir.write("f.cpp", kBlocking);
  auto write = runCommand(lint("--write-baseline base.json f.cpp" + kArgs), dir.path());
  EXPECT_EQ(write.code, 0) << write.err;
  EXPECT_EQ(nlohmann::json::parse(dir.read("base.json"))["findings"].size(), 1u);

  dir.write("f.cpp", "// a comment\n// another\n\n" + kBlocking);  // the finding moves down 3 lines
  auto moved = runCommand(lint("--baseline base.json f.cpp" + kArgs), dir.path());
  EXPECT_EQ(moved.code, 0) << moved.out << moved.err;
  EXPECT_NE(moved.err.find("1 known from the baseline"), std::string::npos) << moved.err;

  dir.write("f.cpp",
            "// a comment\n" + kBlocking + "task n() {\n  ::usleep(1);\n  co_return;\n}\n");
  auto added = runCommand(lint("--baseline base.json f.cpp" + kArgs), dir.path());
  EXPECT_EQ(added.code, 1);
  EXPECT_EQ(countOf(added.out, "warning:"), 1) << added.out;
  EXPECT_NE(added.out.find("'usleep'"), std::string::npos);
}

TEST(CliSarif, FollowsTheSarif210RulesGithubReads) {
  ScratchDir dir;
  dir.write("src/f.cpp", kBlocking);
  auto run = runCommand(lint("--format sarif -o out.sarif src/f.cpp" + kArgs), dir.path());
  ASSERT_EQ(run.code, 1) << run.err;
  EXPECT_EQ(run.out, "");
  const auto doc = nlohmann::json::parse(dir.read("out.sarif"));
  EXPECT_EQ(doc["version"], "2.1.0");
  EXPECT_NE(doc["$schema"].get<std::string>().find("sarif-2.1.0"), std::string::npos);
  ASSERT_EQ(doc["runs"].size(), 1u);
  const auto& run0 = doc["runs"][0];
  const auto& driver = run0["tool"]["driver"];
  EXPECT_EQ(driver["name"], "coscope-lint");
  std::vector<std::string> ruleIds;
  for (const auto& rule : driver["rules"]) {
    ruleIds.push_back(rule["id"]);
    EXPECT_FALSE(rule["shortDescription"]["text"].get<std::string>().empty());
    EXPECT_EQ(rule["helpUri"].get<std::string>().rfind("https://", 0), 0u);
    EXPECT_FALSE(rule["help"]["text"].get<std::string>().empty());
    EXPECT_LE(rule["shortDescription"]["text"].get<std::string>().size(), 1024u);
  }
  ASSERT_EQ(run0["results"].size(), 1u);
  const auto& result = run0["results"][0];
  const int index = result["ruleIndex"];
  ASSERT_LT(index, static_cast<int>(ruleIds.size()));
  EXPECT_EQ(result["ruleId"], ruleIds[index]);
  EXPECT_EQ(result["level"], "warning");
  EXPECT_FALSE(result["message"]["text"].get<std::string>().empty());
  const auto& physical = result["locations"][0]["physicalLocation"];
  EXPECT_EQ(physical["artifactLocation"]["uri"], "src/f.cpp");
  EXPECT_TRUE(run0["originalUriBaseIds"].contains(
      physical["artifactLocation"]["uriBaseId"].get<std::string>()));
  EXPECT_EQ(physical["region"]["startLine"], 13);
  EXPECT_EQ(physical["region"]["startColumn"], 3);
  EXPECT_EQ(result["partialFingerprints"].size(), 1u);
  std::set<int> ids;
  for (const auto& related : result["relatedLocations"]) ids.insert(related["id"].get<int>());
  EXPECT_EQ(ids.size(), result["relatedLocations"].size()) << "related location ids are unique";
}

TEST(CliSarif, ColumnsCountUtf16CodeUnitsAfterNonAsciiText) {
  ScratchDir dir;
  // "é" is two bytes of UTF-8 and one UTF-16 unit; "😀" four bytes and two units.
  dir.write(
      "f.cpp",
      kTask + "task f() {\n  int \u00e9 = 0; /* \U0001F600 */ ::sleep(\u00e9);\n  co_return;\n}\n");
  auto run = runCommand(lint("--format sarif -o out.sarif f.cpp" + kArgs), dir.path());
  ASSERT_EQ(run.code, 1) << run.err;
  const auto doc = nlohmann::json::parse(dir.read("out.sarif"));
  const auto& run0 = doc["runs"][0];
  EXPECT_EQ(run0["columnKind"], "utf16CodeUnits");
  ASSERT_EQ(run0["results"].size(), 1u);
  const auto& region = run0["results"][0]["locations"][0]["physicalLocation"]["region"];
  EXPECT_EQ(region["startLine"], 13);
  // Before ::sleep: "  int é = 0; /* 😀 */ " is 25 bytes and 22 UTF-16 units.
  EXPECT_EQ(region["startColumn"], 23);
  auto text = runCommand(lint("f.cpp" + kArgs), dir.path());
  EXPECT_NE(text.out.find("f.cpp:13:26: warning"), std::string::npos) << text.out;
}

TEST(CliText, ALongLineIsCutAroundTheColumn) {
  ScratchDir dir;
  const std::string padding(5000, 'x');
  dir.write("f.cpp", kTask + "task f() {\n  const char* s = \"" + padding +
                         "\"; ::sleep(1); (void)s;\n  co_return;\n}\n");
  auto run = runCommand("NO_COLOR= " + lint("f.cpp" + kArgs), dir.path());
  ASSERT_EQ(run.code, 1) << run.err;
  const auto lines = [&] {
    std::vector<std::string> out;
    std::istringstream in(run.out);
    for (std::string l; std::getline(in, l);) out.push_back(l);
    return out;
  }();
  ASSERT_GE(lines.size(), 3u) << run.out;
  EXPECT_NE(lines[0].find("f.cpp:13:5023: warning:"), std::string::npos) << lines[0];
  EXPECT_LE(lines[1].size(), 200u);
  EXPECT_EQ(lines[1].rfind("...", 0), 0u) << lines[1];
  // The caret is under the "::" of ::sleep.
  const std::size_t caret = lines[2].find('^');
  ASSERT_NE(caret, std::string::npos);
  EXPECT_EQ(lines[1].substr(caret, 7), "::sleep") << lines[1] << "\n" << lines[2];
}

TEST(CliChecks, AGlobMatchingNoCheckIsAUsageError) {
  ScratchDir dir;
  dir.write("f.cpp", kBlocking);
  auto run = runCommand(lint("--checks='-*,coscope-blockng-call' f.cpp" + kArgs), dir.path());
  EXPECT_EQ(run.code, 2) << run.out << run.err;
  EXPECT_NE(run.err.find("'coscope-blockng-call' matches no check"), std::string::npos) << run.err;
  dir.write(".coscope-lint.yaml", "Checks: 'coscope-blocking-cal'\n");
  run = runCommand(lint("f.cpp" + kArgs), dir.path());
  EXPECT_EQ(run.code, 2) << run.out << run.err;
  EXPECT_NE(run.err.find("matches no check"), std::string::npos) << run.err;
  dir.write(".coscope-lint.yaml", "Checks: '-*,coscope-blocking-*'\n");
  run = runCommand(lint("f.cpp" + kArgs), dir.path());
  EXPECT_EQ(run.code, 1) << run.out << run.err;
}

// A misspelt check option is a configuration error (exit 2), like a misspelt Checks glob: it
// would otherwise keep its default without a word.
TEST(CliConfig, ACheckOptionNoCheckReadsIsAUsageError) {
  ScratchDir dir;
  dir.write("f.cpp", kBlocking);
  dir.write(".coscope-lint.yaml",
            "CheckOptions:\n  coscope-blocking-call.AllowedFunction: 'sleep'\n");
  auto run = runCommand(lint("f.cpp" + kArgs), dir.path());
  EXPECT_EQ(run.code, 2) << run.out << run.err;
  EXPECT_EQ(run.out, "");
  EXPECT_NE(run.err.find((dir.path() / ".coscope-lint.yaml").string()), std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find("'coscope-blocking-call.AllowedFunction'"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("did you mean 'coscope-blocking-call.AllowedFunctions'"),
            std::string::npos)
      << run.err;
  dir.write(".coscope-lint.yaml",
            "CheckOptions:\n  coscope-blocking-call.AllowedFunctions: 'sleep'\n");
  run = runCommand(lint("f.cpp" + kArgs), dir.path());
  EXPECT_EQ(run.code, 0) << run.out << run.err;
}

TEST(CliJson, ListsFindingsWithNotesAndFingerprints) {
  ScratchDir dir;
  dir.write("f.cpp", kBlocking);
  auto run = runCommand(lint("--format json f.cpp" + kArgs), dir.path());
  ASSERT_EQ(run.code, 1) << run.err;
  const auto doc = nlohmann::json::parse(run.out);
  ASSERT_EQ(doc["findings"].size(), 1u);
  EXPECT_EQ(doc["findings"][0]["check"], "coscope-blocking-call");
  EXPECT_EQ(doc["findings"][0]["location"]["file"], "f.cpp");
  EXPECT_EQ(doc["findings"][0]["fingerprint"].get<std::string>().size(), 16u);
  EXPECT_FALSE(doc["findings"][0]["notes"].empty());
}

TEST(CliConfig, FoundUpwardExtendsAndAllows) {
  ScratchDir dir;
  dir.write(".coscope-lint.yaml", R"(BlockingFunctions:
  - Name: mylib::fetch_sync
    Instead: co_await mylib::fetch()
AllowedFunctions: [usleep]
AllowedFiles: ['src/generated/*']
)");
  const std::string code =
      kTask +
      "namespace mylib { int fetch_sync(); }\n"
      "task f() {\n  mylib::fetch_sync();\n  ::usleep(1);\n  ::sleep(1);\n  co_return;\n}\n";
  dir.write("src/deep/f.cpp", code);
  dir.write("src/generated/g.cpp", code);
  auto run = runCommand(lint("src/deep/f.cpp src/generated/g.cpp" + kArgs), dir.path());
  EXPECT_EQ(run.code, 1) << run.err;
  EXPECT_NE(run.out.find("src/deep/f.cpp:14:3: warning: blocking call to 'mylib::fetch_sync'"),
            std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("note: async alternative: co_await mylib::fetch()"), std::string::npos);
  EXPECT_EQ(run.out.find("'usleep'"), std::string::npos) << "allowed function";
  EXPECT_NE(run.out.find("src/deep/f.cpp:16:3: warning: blocking call to 'sleep'"),
            std::string::npos);
  EXPECT_EQ(run.out.find("generated/g.cpp"), std::string::npos) << "allowed file";
  EXPECT_EQ(countOf(run.out, "warning:"), 2);

  // An explicit --config replaces the one found upward; --checks has the last word.
  dir.write("other.yaml", "Checks: '-*'\n");
  EXPECT_EQ(runCommand(lint("--config other.yaml src/deep/f.cpp" + kArgs), dir.path()).code, 0);
  EXPECT_EQ(
      runCommand(lint("--config other.yaml --checks=coscope-* src/deep/f.cpp" + kArgs), dir.path())
          .code,
      1);
  EXPECT_EQ(
      runCommand(lint("--checks=-coscope-blocking-call src/deep/f.cpp" + kArgs), dir.path()).code,
      0);
}

// Messages name a member through the object's type (std::future::wait, not libstdc++'s base
// std::__basic_future::wait), and that is the name users allow.
TEST(CliConfig, AllowsAMemberByTheNameTheMessageShows) {
  ScratchDir dir;
  const std::string code = "#include <future>\n" + kTask +
                           "task f(std::future<int> fut) {\n  fut.wait();\n  fut.get();\n"
                           "  co_return;\n}\n";
  dir.write("f.cpp", code);
  auto before = runCommand(lint("f.cpp" + kArgs), dir.path());
  EXPECT_EQ(before.code, 1) << before.err;
  EXPECT_NE(before.out.find("blocking call to 'std::future::wait'"), std::string::npos)
      << before.out;
  dir.write(".coscope-lint.yaml", "AllowedFunctions: [std::future::wait]\n");
  auto after = runCommand(lint("f.cpp" + kArgs), dir.path());
  EXPECT_EQ(after.code, 1) << after.err;
  EXPECT_EQ(after.out.find("'std::future::wait'"), std::string::npos) << after.out;
  EXPECT_NE(after.out.find("blocking call to 'std::future::get'"), std::string::npos);
  EXPECT_EQ(countOf(after.out, "warning:"), 1);
}

TEST(CliInfo, ListChecksAndExplain) {
  ScratchDir dir;
  auto list = runCommand(lint("--list-checks"), dir.path());
  EXPECT_EQ(list.code, 0);
  EXPECT_NE(list.out.find("coscope-blocking-call"), std::string::npos);
  auto none = runCommand(lint("--list-checks --checks=-*"), dir.path());
  EXPECT_EQ(none.out.find("coscope-blocking-call"), std::string::npos);
  auto explain = runCommand(lint("--explain coscope-blocking-call"), dir.path());
  EXPECT_EQ(explain.code, 0);
  EXPECT_NE(explain.out.find("# coscope-blocking-call"), std::string::npos);
  EXPECT_NE(explain.out.find("## Options"), std::string::npos);
}

TEST(CliHeaders, CoroutinesInProjectHeadersAreReportedOnceAcrossFiles) {
  ScratchDir dir;
  dir.write("include/coro.h",
            kTask + "template <class T> task wait_for(T) {\n  ::sleep(1);\n  co_return;\n}\n");
  const std::string user = "#include \"coro.h\"\nvoid use() { wait_for(1); }\n";
  dir.write("a.cpp", user);
  dir.write("b.cpp", user);
  auto run = runCommand(lint("-j 2 a.cpp b.cpp -- -std=c++20 -Iinclude"), dir.path());
  EXPECT_EQ(run.code, 1) << run.err;
  EXPECT_EQ(countOf(run.out, "warning:"), 1) << run.out;
  EXPECT_NE(run.out.find("include/coro.h:13:3: warning: blocking call to 'sleep'"),
            std::string::npos)
      << run.out;
}

TEST(CliParallel, JobsDoNotChangeTheReport) {
  ScratchDir dir;
  std::string files;
  for (int i = 0; i < 4; ++i) {
    dir.write("f" + std::to_string(i) + ".cpp", kBlocking);
    files += " f" + std::to_string(i) + ".cpp";
  }
  auto serial = runCommand(lint("-j 1" + files + kArgs), dir.path());
  auto parallel = runCommand(lint("-j 3" + files + kArgs), dir.path());
  EXPECT_EQ(serial.code, 1);
  EXPECT_EQ(parallel.code, 1);
  EXPECT_EQ(countOf(serial.out, "warning:"), 4);
  EXPECT_EQ(serial.out, parallel.out);
}

}  // namespace
}  // namespace coscope::lint::test
