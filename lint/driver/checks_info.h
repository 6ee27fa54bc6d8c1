// What the CLI tells about each check (--list-checks, --explain, SARIF rules). The doc text is
// the check's page under docs/checks/, embedded at build time so it cannot drift from the docs.
#pragma once

#include <string>
#include <vector>

namespace coscope::lint {

struct CheckInfo {
  std::string name;     // "coscope-blocking-call"
  std::string summary;  // one sentence
  std::string helpUri;  // the doc page online
  std::string doc;      // the doc page (Markdown)
};

const std::vector<CheckInfo>& knownChecks();
const CheckInfo* findCheck(const std::string& name);
// The globs of a clang-tidy style list ("-*,coscope-blocking-call") that enable nothing: a
// positive glob matching no known check, most likely a typo that would turn checking off.
std::vector<std::string> globsMatchingNoCheck(const std::string& globs);

}  // namespace coscope::lint
