#include "driver/checks_info.h"

#include <clang-tidy/ClangTidy.h>
#include <llvm/ADT/StringRef.h>

#include <algorithm>

// Defined next to the module registration; reading it keeps that object file in the link.
extern volatile int CoscopeModuleAnchorSource;

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

const std::map<std::string, std::vector<std::string>>& checkOptionNames() {
  static const auto names = [] {
    (void)CoscopeModuleAnchorSource;
    std::map<std::string, std::vector<std::string>> out;
    for (const auto& check : knownChecks()) out[check.name];
    for (const auto& key : clang::tidy::getAllChecksAndOptions(false).Options) {
      const auto [check, option] = key.getKey().split('.');
      if (auto it = out.find(check.str()); it != out.end()) it->second.push_back(option.str());
    }
    for (auto& [check, options] : out) std::sort(options.begin(), options.end());
    return out;
  }();
  return names;
}

namespace {

// The known name closest to a misspelt one, if it is close enough to be the one meant.
std::optional<std::string> closest(llvm::StringRef name, const std::vector<std::string>& known) {
  std::optional<std::string> best;
  unsigned bestDistance = 0;
  for (const auto& candidate : known) {
    const unsigned distance = name.edit_distance_insensitive(candidate);
    if (distance <= 3 && 2 * distance < candidate.size() && (!best || distance < bestDistance)) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

}  // namespace

std::optional<std::string> unknownCheckOption(const std::string& key) {
  const auto [check, option] = llvm::StringRef(key).split('.');
  const auto& names = checkOptionNames();
  const auto found = names.find(check.str());
  if (found == names.end()) {
    std::vector<std::string> checks;
    for (const auto& [name, options] : names) checks.push_back(name);
    const auto meant = closest(check, checks);
    return "names no check" +
           (meant ? "; did you mean '" + *meant + "'? Known checks: " : "; known checks: ") +
           joined(checks);
  }
  const auto& options = found->second;
  if (std::find(options.begin(), options.end(), option.str()) != options.end()) return std::nullopt;
  if (options.empty()) return "is not an option: " + check.str() + " has no options";
  const auto meant = closest(option, options);
  return "is not an option of " + check.str() +
         (meant ? "; did you mean '" + check.str() + "." + *meant + "'? Its options: "
                : "; its options: ") +
         joined(options);
}

}  // namespace coscope::lint
