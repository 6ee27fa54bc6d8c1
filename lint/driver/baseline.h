// Fingerprints and baselines. A fingerprint identifies a finding by what it is, not where it
// is: check, file (relative to the project root), the call's source line with blanks
// collapsed, the message, and its rank among identical findings in that file. Inserting or
// removing lines above a finding keeps its fingerprint; editing the offending line changes it.
#pragma once

#include "driver/findings.h"
#include "support/result.h"

#include <set>
#include <string>
#include <vector>

namespace coscope::lint {

// Fills Finding::fingerprint for every finding; `root` makes paths relative (the cwd).
void assignFingerprints(std::vector<Finding>& findings, const std::string& root);

struct Baseline {
  std::set<std::string> fingerprints;
};

Result<Baseline> readBaseline(const std::string& path);
// JSON: {"version":1,"tool":"coscope-lint","findings":[{"fingerprint","check","file","message"}]}
std::string baselineJson(const std::vector<Finding>& findings, const std::string& root);
// Removes findings the baseline knows; returns how many were removed.
std::size_t applyBaseline(const Baseline& baseline, std::vector<Finding>& findings);

// Path relative to root when it lies below it, otherwise unchanged.
std::string relativeTo(const std::string& path, const std::string& root);

}  // namespace coscope::lint
