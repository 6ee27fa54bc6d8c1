#include "driver/baseline.h"
#include "driver/report.h"

#include <nlohmann/json.hpp>

namespace coscope::lint {
namespace {

nlohmann::json location(const Location& where, const std::string& root) {
  return {{"file", relativeTo(where.file, root)}, {"line", where.line}, {"column", where.column}};
}

nlohmann::json finding(const Finding& f, const std::string& root) {
  nlohmann::json notes = nlohmann::json::array();
  for (const auto& n : f.notes)
    notes.push_back({{"location", location(n.where, root)}, {"message", n.message}});
  nlohmann::json out = {{"check", f.check},
                        {"level", f.level == Level::Error ? "error" : "warning"},
                        {"location", location(f.where, root)},
                        {"message", f.message},
                        {"notes", notes}};
  if (!f.fingerprint.empty()) out["fingerprint"] = f.fingerprint;
  return out;
}

}  // namespace

std::string jsonReport(const LintOutput& output, const ReportOptions& options) {
  nlohmann::json findings = nlohmann::json::array();
  for (const auto& f : output.findings) findings.push_back(finding(f, options.root));
  nlohmann::json errors = nlohmann::json::array();
  for (const auto& e : output.errors) errors.push_back(finding(e, options.root));
  nlohmann::json failed = nlohmann::json::array();
  for (const auto& file : output.failedFiles) failed.push_back(relativeTo(file, options.root));
  return nlohmann::json{{"version", 1},
                        {"tool", {{"name", "coscope-lint"}, {"version", options.version}}},
                        {"files_checked", output.filesChecked},
                        {"findings", findings},
                        {"errors", errors},
                        {"failed_files", failed}}
             .dump(2) +
         "\n";
}

}  // namespace coscope::lint
