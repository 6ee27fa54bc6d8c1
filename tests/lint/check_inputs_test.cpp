// Every check over real files parsed by clang: each file under inputs/checks/<check> carries its
// expected diagnostics on the lines they belong to (see expectations.h), and is linted with only
// that check enabled.
#include "check_inputs.h"
#include "driver/runner.h"
#include "expectations.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace coscope::lint::test {
namespace {

std::string readFile(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

class CheckExpectations : public ::testing::TestWithParam<CheckInput> {};

TEST_P(CheckExpectations, FindingsMatchTheAnnotatedLines) {
  const std::string path = std::string(COSCOPE_LINT_CHECK_INPUTS) + "/" + GetParam().relative;
  const auto expected = parseExpectations(readFile(path));
  ASSERT_FALSE(expected.empty()) << "an input without expectations tests nothing";

  RunOptions options;
  options.files = {path};
  options.hasFixedArgs = true;
  options.fixedArgs = {"-std=c++20"};
  options.checks = "-*," + GetParam().check;
  auto result = runLint(options);
  ASSERT_TRUE(result.ok()) << result.error().message;
  for (const auto& error : result->errors) ADD_FAILURE() << "clang error: " << error.message;
  ASSERT_TRUE(result->failedFiles.empty());

  for (const auto& problem : compareWithFindings(expected, result->findings, path))
    ADD_FAILURE() << problem;
}

INSTANTIATE_TEST_SUITE_P(Inputs, CheckExpectations,
                         ::testing::ValuesIn(checkInputs(COSCOPE_LINT_CHECK_INPUTS)),
                         [](const auto& info) { return testName(info.param); });

// Without clang's resource directory, builtin headers such as <stddef.h> are not found.
TEST(ResourceDir, DefaultsToTheConfiguredClangOne) {
  EXPECT_TRUE(std::filesystem::exists(defaultResourceDir() + "/include/stddef.h"))
      << defaultResourceDir();
  EXPECT_EQ(RunOptions().resourceDir, defaultResourceDir());
}

// The driver itself must fail a test when the annotations and the findings disagree.
TEST(Expectations, DetectMissingUnexpectedAndDuplicateWarnings) {
  const auto expected =
      parseExpectations("a();  // expect-warning: 'a'\nb();\n// expect-note@-1: here\n");
  ASSERT_EQ(expected.size(), 2u);
  EXPECT_EQ(expected[1].line, 2u);
  Finding a{"c", Level::Warning, {"f", 1, 1}, "call to 'a'", {{{"f", 2, 1}, "declared here"}}, {},
            {}};
  EXPECT_TRUE(compareWithFindings(expected, {a}, "f").empty());
  EXPECT_EQ(compareWithFindings(expected, {}, "f").size(), 2u);      // warning and note missing
  EXPECT_EQ(compareWithFindings(expected, {a, a}, "f").size(), 1u);  // reported twice
  Finding b{"c", Level::Warning, {"f", 2, 1}, "call to 'b'", {}, {}, {}};
  EXPECT_EQ(compareWithFindings(expected, {a, b}, "f").size(), 1u);  // unexpected warning
}

}  // namespace
}  // namespace coscope::lint::test
