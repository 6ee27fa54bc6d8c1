// The three output formats. Each returns the whole document as a string; the CLI decides
// where it goes (stdout or -o FILE).
#pragma once

#include "driver/findings.h"

#include <string>

namespace coscope::lint {

struct ReportOptions {
  std::string root;     // paths are shown relative to it (the working directory)
  bool color = false;   // ANSI colours in text output (a terminal, and NO_COLOR unset or empty)
  std::string version;  // tool version for JSON/SARIF
};

// clang-style: "file:line:col: warning: message [check]", the source line, a caret, notes.
std::string textReport(const std::vector<Finding>& findings, const ReportOptions& options);
// {"version":1,"findings":[...],"errors":[...],"failed_files":[...],"files_checked":N}
std::string jsonReport(const LintOutput& output, const ReportOptions& options);
// SARIF 2.1.0 as GitHub code scanning reads it.
std::string sarifReport(const LintOutput& output, const ReportOptions& options);

}  // namespace coscope::lint
