// SARIF 2.1.0 as GitHub code scanning accepts it: rules with id, descriptions, helpUri and help;
// results with ruleId/ruleIndex, level, message, a physical location relative to %SRCROOT%,
// related locations for notes, and partialFingerprints for tracking across commits. Parse
// failures are tool notifications of the invocation, not results: no rule was violated.
#include "driver/baseline.h"
#include "driver/checks_info.h"
#include "driver/report.h"
#include "driver/source_text.h"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace coscope::lint {
namespace {

constexpr const char* kSrcRoot = "%SRCROOT%";

// RFC 3986: keep unreserved characters and '/', percent-encode every other byte.
std::string encodeUri(const std::string& path) {
  std::string out;
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

// SARIF counts columns in UTF-16 code units (a run's default columnKind); clang counts bytes
// of UTF-8. A column past a non-ASCII character differs: convert from the line's text.
unsigned utf16Column(const std::string& line, unsigned byteColumn) {
  if (byteColumn == 0 || line.empty()) return byteColumn;
  unsigned units = 0;
  const std::size_t end = std::min<std::size_t>(byteColumn - 1, line.size());
  for (std::size_t i = 0; i < end; ++i) {
    const auto c = static_cast<unsigned char>(line[i]);
    if ((c & 0xC0) == 0x80) continue;  // a continuation byte
    units += c >= 0xF0 ? 2 : 1;        // four-byte sequences need a surrogate pair
  }
  return units + 1 + static_cast<unsigned>(byteColumn - 1 - end);
}

nlohmann::json physicalLocation(const Location& where, const std::string& root,
                                SourceText& sources) {
  const std::string relative = relativeTo(where.file, root);
  nlohmann::json artifact = {{"uri", encodeUri(relative)}};
  if (relative != where.file)
    artifact["uriBaseId"] = kSrcRoot;
  else
    artifact["uri"] = "file://" + encodeUri(where.file);
  nlohmann::json out = {{"artifactLocation", artifact}};
  if (where.line > 0) {
    const unsigned column = utf16Column(sources.line(where.file, where.line), where.column);
    out["region"] = {{"startLine", where.line}, {"startColumn", std::max(1u, column)}};
  }
  return out;
}

nlohmann::json rules() {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& check : knownChecks())
    out.push_back({{"id", check.name},
                   {"name", check.name},
                   {"shortDescription", {{"text", check.summary}}},
                   {"fullDescription", {{"text", check.summary}}},
                   {"helpUri", check.helpUri},
                   {"help", {{"text", check.doc}, {"markdown", check.doc}}},
                   {"defaultConfiguration", {{"level", "warning"}}},
                   {"properties", {{"tags", {"concurrency", "coroutines"}}}}});
  return out;
}

int ruleIndex(const std::string& check) {
  const auto& checks = knownChecks();
  for (std::size_t i = 0; i < checks.size(); ++i)
    if (checks[i].name == check) return static_cast<int>(i);
  return -1;
}

nlohmann::json result(const Finding& f, const std::string& root, SourceText& sources) {
  nlohmann::json related = nlohmann::json::array();
  int id = 1;
  for (const auto& n : f.notes) {
    nlohmann::json loc = {{"id", id++}, {"message", {{"text", n.message}}}};
    if (!n.where.file.empty()) loc["physicalLocation"] = physicalLocation(n.where, root, sources);
    related.push_back(loc);
  }
  nlohmann::json out = {
      {"ruleId", f.check},
      {"level", "warning"},
      {"message", {{"text", f.message}}},
      {"locations", {{{"physicalLocation", physicalLocation(f.where, root, sources)}}}},
      {"partialFingerprints", {{"coscopeFingerprint/v1", f.fingerprint}}}};
  if (const int index = ruleIndex(f.check); index >= 0) out["ruleIndex"] = index;
  if (!related.empty()) out["relatedLocations"] = related;
  return out;
}

}  // namespace

std::string sarifReport(const LintOutput& output, const ReportOptions& options) {
  SourceText sources;
  nlohmann::json results = nlohmann::json::array();
  for (const auto& f : output.findings) results.push_back(result(f, options.root, sources));
  nlohmann::json notifications = nlohmann::json::array();
  for (const auto& e : output.errors)
    notifications.push_back(
        {{"level", "error"},
         {"message", {{"text", e.message}}},
         {"locations",
          {{{"physicalLocation", physicalLocation(e.where, options.root, sources)}}}}});
  std::string rootUri = "file://" + encodeUri(options.root);
  if (rootUri.back() != '/') rootUri += '/';
  nlohmann::json run = {{"tool",
                         {{"driver",
                           {{"name", "coscope-lint"},
                            {"version", options.version},
                            {"semanticVersion", options.version},
                            {"informationUri", std::string(COSCOPE_LINT_DOCS_URL) + "../lint.md"},
                            {"rules", rules()}}}}},
                        {"originalUriBaseIds", {{kSrcRoot, {{"uri", rootUri}}}}},
                        {"columnKind", "utf16CodeUnits"},
                        {"invocations",
                         {{{"executionSuccessful", output.failedFiles.empty()},
                           {"toolExecutionNotifications", notifications}}}},
                        {"results", results}};
  return nlohmann::json{{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
                        {"version", "2.1.0"},
                        {"runs", nlohmann::json::array({run})}}
             .dump(2) +
         "\n";
}

}  // namespace coscope::lint
