// What the CLI tells about each check (--list-checks, --explain, SARIF rules). The doc text is
// the check's page under docs/checks/, embedded at build time so it cannot drift from the docs.
#pragma once

#include <map>
#include <optional>
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

// The options each check reads, by check name: recorded by clang-tidy while it constructs the
// checks (as for its --verify-config), so the list cannot drift from the code.
const std::map<std::string, std::vector<std::string>>& checkOptionNames();
// What is wrong with a "check.Option" key that no check reads (naming the closest known check
// or option and listing the known ones), or nullopt when a check reads it.
std::optional<std::string> unknownCheckOption(const std::string& key);

}  // namespace coscope::lint
