// The clang-tidy-19 plugin gives the same findings as coscope-lint on the same files, and the
// check's options survive clang-tidy's save (--dump-config) and reload.
#include "check_inputs.h"
#include "process.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <sstream>
#include <utility>

namespace coscope::lint::test {
namespace {

const std::string kTidy = tidyCommand();

// "file:line:col: warning|note: message" lines, with the directory stripped from file names.
std::vector<std::string> diagnosticLines(const std::string& output) {
  static const std::regex line(R"(^(?:.*/)?([^/:]+):(\d+):(\d+): (warning|note|error): (.*)$)");
  std::vector<std::string> out;
  std::istringstream in(output);
  for (std::string text; std::getline(in, text);) {
    std::smatch m;
    if (std::regex_match(text, m, line))
      out.push_back(m[1].str() + ":" + m[2].str() + ":" + m[3].str() + ": " + m[4].str() + ": " +
                    m[5].str());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Every input, but of those that include Boost.Asio only the first: the checks' code is the
// same in both front ends, and what parity tests (registration, options, how diagnostics and
// NOLINT travel) does not depend on the headers parsed. Parsing Asio twice more costs ≈ 13 s
// of CPU per input, two thirds of the lint tests' time, for nothing more of this test's.
std::vector<CheckInput> parityInputs() {
  std::vector<CheckInput> inputs;
  bool asioKept = false;
  for (auto& input : checkInputs(COSCOPE_LINT_CHECK_INPUTS)) {
    std::ifstream in(std::filesystem::path(COSCOPE_LINT_CHECK_INPUTS) / input.relative);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const bool asio = text.find("#include <boost/asio") != std::string::npos;
    if (asio && std::exchange(asioKept, true)) continue;
    inputs.push_back(std::move(input));
  }
  return inputs;
}

class PluginParity : public ::testing::TestWithParam<CheckInput> {};

TEST_P(PluginParity, ClangTidyWithThePluginFindsWhatTheCliFinds) {
  const std::filesystem::path dir = COSCOPE_LINT_CHECK_INPUTS;
  const std::string file = quote(GetParam().relative);
  const std::string checks = " --checks=" + quote("-*," + GetParam().check) + " ";
  auto tidy = runCommand(kTidy + checks + file + " -- -std=c++20", dir);
  auto cli = runCommand(quote(COSCOPE_LINT_BIN) + checks + file + " -- -std=c++20", dir);
  ASSERT_EQ(cli.code, 1) << cli.err;
  const auto fromTidy = diagnosticLines(tidy.out);
  const auto fromCli = diagnosticLines(cli.out);
  EXPECT_FALSE(fromCli.empty());
  EXPECT_EQ(fromTidy, fromCli) << "clang-tidy stderr:\n" << tidy.err;
}

INSTANTIATE_TEST_SUITE_P(Inputs, PluginParity, ::testing::ValuesIn(parityInputs()),
                         [](const auto& info) { return testName(info.param); });

TEST(PluginOptions, SurviveDumpAndReload) {
  const std::string config =
      "{CheckOptions: {coscope-blocking-call.AllowedFunctions: 'sleep;usleep', "
      "coscope-blocking-call.BlockingFunctions: 'mylib::f=co_await g()', "
      "coscope-blocking-call.BlockingTypes: 'mylib::Lock', coscope-blocking-call.AllowedFiles: "
      "'*/gen/*', "
      "coscope-blocking-call.CatalogFile: ''}}";
  const auto dumps = dumpAndReloadOptions(config, {"coscope-blocking-call."});
  ASSERT_EQ(dumps.first.code, 0) << dumps.first.err;
  ASSERT_EQ(dumps.second.code, 0) << dumps.second.err;
  for (const char* expected :
       {"coscope-blocking-call.AllowedFunctions: 'sleep;usleep'",
        "coscope-blocking-call.BlockingFunctions: 'mylib::f=co_await g()'",
        "coscope-blocking-call.BlockingTypes: 'mylib::Lock'",
        "coscope-blocking-call.AllowedFiles: '*/gen/*'", "coscope-blocking-call.CatalogFile: ''"})
    EXPECT_NE(dumps.before.find(expected), std::string::npos) << expected << "\n"
                                                              << dumps.first.out;
  EXPECT_EQ(dumps.before, dumps.after);
}

}  // namespace
}  // namespace coscope::lint::test
