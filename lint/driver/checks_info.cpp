#include "driver/checks_info.h"

namespace coscope::lint {

extern const char kBlockingCallDoc[];  // generated from docs/checks/coscope-blocking-call.md

const std::vector<CheckInfo>& knownChecks() {
  static const std::vector<CheckInfo> checks = {
      {"coscope-blocking-call",
       "A call to a blocking function inside a coroutine body stalls every coroutine that "
       "shares its thread.",
       std::string(COSCOPE_LINT_DOCS_URL) + "coscope-blocking-call.md", kBlockingCallDoc},
  };
  return checks;
}

const CheckInfo* findCheck(const std::string& name) {
  for (const auto& check : knownChecks())
    if (check.name == name) return &check;
  return nullptr;
}

}  // namespace coscope::lint
