// Fingerprints, baselines and the three report formats, on hand-made findings.
#include "driver/report.h"
#include "driver/baseline.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace coscope::lint {
namespace {

Finding make(unsigned line, const std::string& text,
             const std::string& message = "blocking call to 'sleep'") {
  return {"coscope-blocking-call",
          Level::Warning,
          {"/src/a b.cpp", line, 3},
          message,
          {{{"/src/a b.cpp", 1, 6}, "inside coroutine 'f' declared here"}},
          {},
          text};
}

TEST(Fingerprint, SurvivesLineMovesAndWhitespaceButNotEdits) {
  std::vector<Finding> before{make(10, "  ::sleep(1);")};
  std::vector<Finding> moved{make(25, "\t::sleep(1);  ")};
  std::vector<Finding> edited{make(10, "  ::sleep(2);")};
  for (auto* v : {&before, &moved, &edited}) assignFingerprints(*v, "/src");
  EXPECT_EQ(before[0].fingerprint, moved[0].fingerprint);
  EXPECT_NE(before[0].fingerprint, edited[0].fingerprint);
  EXPECT_EQ(before[0].fingerprint.size(), 16u);
}

TEST(Fingerprint, IdenticalFindingsInOneFileGetDistinctFingerprints) {
  std::vector<Finding> twice{make(3, "::sleep(1);"), make(9, "::sleep(1);")};
  assignFingerprints(twice, "/src");
  EXPECT_NE(twice[0].fingerprint, twice[1].fingerprint);
}

TEST(Baseline, RoundTripRemovesKnownFindingsOnly) {
  std::vector<Finding> old{make(3, "::sleep(1);")};
  assignFingerprints(old, "/src");
  const auto json = baselineJson(old, "/src");
  EXPECT_NE(json.find("\"file\": \"a b.cpp\""), std::string::npos);
  Baseline baseline;
  const auto doc = nlohmann::json::parse(json);
  for (const auto& item : doc["findings"])
    baseline.fingerprints.insert(item["fingerprint"].get<std::string>());
  std::vector<Finding> now{make(40, "::sleep(1);"),
                           make(41, "::usleep(1);", "blocking call to 'usleep'")};
  assignFingerprints(now, "/src");
  EXPECT_EQ(applyBaseline(baseline, now), 1u);
  ASSERT_EQ(now.size(), 1u);
  EXPECT_EQ(now[0].where.line, 41u);
}

TEST(TextReport, ClangStyleWithCaretAndNotesAndNoColourUnlessAsked) {
  const auto text = textReport({make(7, "  ::sleep(1);")}, {"/src", false, "0"});
  EXPECT_EQ(text,
            "a b.cpp:7:3: warning: blocking call to 'sleep' [coscope-blocking-call]\n"
            "  ::sleep(1);\n"
            "  ^\n"
            "a b.cpp:1:6: note: inside coroutine 'f' declared here\n");
  EXPECT_NE(textReport({make(7, "x")}, {"/src", true, "0"}).find("\033["), std::string::npos);
}

TEST(JsonReport, CarriesFindingsErrorsAndFailedFiles) {
  LintOutput out;
  out.findings = {make(7, "x")};
  out.errors = {
      {"clang-diagnostic-error", Level::Error, {"/src/bad.cpp", 2, 1}, "expected ';'", {}, {}, {}}};
  out.failedFiles = {"/src/bad.cpp"};
  out.filesChecked = 2;
  const auto doc = nlohmann::json::parse(jsonReport(out, {"/src", false, "1.2"}));
  EXPECT_EQ(doc["files_checked"], 2);
  EXPECT_EQ(doc["findings"][0]["location"]["line"], 7);
  EXPECT_EQ(doc["findings"][0]["notes"][0]["message"], "inside coroutine 'f' declared here");
  EXPECT_EQ(doc["errors"][0]["level"], "error");
  EXPECT_EQ(doc["failed_files"][0], "bad.cpp");
}

TEST(SarifReport, EncodesUrisAndKeepsParseFailuresOutOfResults) {
  LintOutput out;
  out.findings = {make(7, "x")};
  assignFingerprints(out.findings, "/src");
  out.errors = {
      {"clang-diagnostic-error", Level::Error, {"/src/bad.cpp", 2, 1}, "expected ';'", {}, {}, {}}};
  out.failedFiles = {"/src/bad.cpp"};
  const auto doc = nlohmann::json::parse(sarifReport(out, {"/src", false, "1.2"}));
  const auto& run = doc["runs"][0];
  ASSERT_EQ(run["results"].size(), 1u);
  const auto& loc = run["results"][0]["locations"][0]["physicalLocation"];
  EXPECT_EQ(loc["artifactLocation"]["uri"], "a%20b.cpp");
  EXPECT_EQ(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
  EXPECT_EQ(run["originalUriBaseIds"]["%SRCROOT%"]["uri"], "file:///src/");
  EXPECT_EQ(run["invocations"][0]["executionSuccessful"], false);
  EXPECT_EQ(run["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"],
            "expected ';'");
}

}  // namespace
}  // namespace coscope::lint
