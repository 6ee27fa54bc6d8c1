#include "driver/checks_info.h"

#include <algorithm>

namespace coscope::lint {

extern const char kBlockingCallDoc[];        // generated from docs/checks/coscope-blocking-call.md
extern const char kDetachedExceptionDoc[];   // docs/checks/coscope-detached-exception.md
extern const char kDiscardedAwaitableDoc[];  // docs/checks/coscope-discarded-awaitable.md
extern const char kLockAcrossSuspendDoc[];   // docs/checks/coscope-lock-across-suspend.md
extern const char kReferenceParamDoc[];      // docs/checks/coscope-reference-param.md
extern const char
    kCapturingLambdaCoroutineDoc[];  // docs/checks/coscope-capturing-lambda-coroutine.md

const std::vector<CheckInfo>& knownChecks() {
  static const std::vector<CheckInfo> checks = {
      {"coscope-blocking-call",
       "A call to a blocking function inside a coroutine body stalls every coroutine that "
       "shares its thread.",
       std::string(COSCOPE_LINT_DOCS_URL) + "coscope-blocking-call.md", kBlockingCallDoc},
      {"coscope-detached-exception",
       "An exception thrown by a coroutine spawned with a detached completion token is lost "
       "silently.",
       std::string(COSCOPE_LINT_DOCS_URL) + "coscope-detached-exception.md", kDetachedExceptionDoc},
      {"coscope-discarded-awaitable",
       "An awaitable that is neither awaited, stored nor passed on never runs: the call does "
       "nothing.",
       std::string(COSCOPE_LINT_DOCS_URL) + "coscope-discarded-awaitable.md",
       kDiscardedAwaitableDoc},
      {"coscope-lock-across-suspend",
       "A lock held at a co_await or co_yield blocks every coroutine that wants the mutex while "
       "the holder is suspended, and may be unlocked on another thread.",
       std::string(COSCOPE_LINT_DOCS_URL) + "coscope-lock-across-suspend.md",
       kLockAcrossSuspendDoc},
      {"coscope-reference-param",
       "A reference or view parameter of a coroutine may dangle once the coroutine has "
       "suspended: the frame keeps the reference, not the object (CP.53).",
       std::string(COSCOPE_LINT_DOCS_URL) + "coscope-reference-param.md", kReferenceParamDoc},
      {"coscope-capturing-lambda-coroutine",
       "A lambda coroutine's captures live in the lambda object, which may be destroyed while "
       "the coroutine is suspended (CP.51).",
       std::string(COSCOPE_LINT_DOCS_URL) + "coscope-capturing-lambda-coroutine.md",
       kCapturingLambdaCoroutineDoc},
  };
  return checks;
}

namespace {

// clang-tidy's check globs: '*' matches any run of characters, the rest literally.
bool globMatches(const char* glob, const char* name) {
  if (*glob == '\0') return *name == '\0';
  if (*glob == '*') return globMatches(glob + 1, name) || (*name && globMatches(glob, name + 1));
  return *name == *glob && globMatches(glob + 1, name + 1);
}

std::string trimmed(const std::string& s) {
  const auto begin = s.find_first_not_of(" \t\n");
  if (begin == std::string::npos) return {};
  return s.substr(begin, s.find_last_not_of(" \t\n") - begin + 1);
}

}  // namespace

std::vector<std::string> globsMatchingNoCheck(const std::string& globs) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= globs.size()) {
    const std::size_t end = std::min(globs.find(',', start), globs.size());
    const std::string glob = trimmed(globs.substr(start, end - start));
    start = end + 1;
    if (glob.empty() || glob.front() == '-') continue;
    bool matched = false;
    for (const auto& check : knownChecks())
      matched |= globMatches(glob.c_str(), check.name.c_str());
    if (!matched) out.push_back(glob);
  }
  return out;
}

const CheckInfo* findCheck(const std::string& name) {
  for (const auto& check : knownChecks())
    if (check.name == name) return &check;
  return nullptr;
}

}  // namespace coscope::lint
