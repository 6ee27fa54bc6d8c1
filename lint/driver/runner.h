// Runs the coscope checks over files through clang-tidy's own machinery (the same check
// classes, NOLINT handling and option plumbing the clang-tidy plugin gets), one file per worker
// thread, and returns plain findings.
#pragma once

#include "driver/config.h"
#include "driver/findings.h"
#include "support/result.h"

#include <optional>
#include <string>
#include <vector>

namespace coscope::lint {

// The clang resource directory found when coscope-lint was configured (clang-19
// -print-resource-dir).
std::string defaultResourceDir();

struct RunOptions {
  std::string buildDir;                // -p: where compile_commands.json is; may be empty
  std::vector<std::string> fixedArgs;  // compiler arguments after "--"; used when set
  bool hasFixedArgs = false;           // "--" was given (possibly with no arguments)
  std::vector<std::string> files;      // empty: every file of the compilation database
  unsigned jobs = 1;
  std::optional<std::string> checks;               // --checks, applied after any config
  std::optional<std::string> configFile;           // --config; otherwise found upward per file
  std::string resourceDir = defaultResourceDir();  // clang's builtin headers (stddef.h, ...)
  bool progress = false;                           // a progress line on stderr
  // Cross-TU summaries (transitive blocking across files): with a compilation database only.
  std::string cacheDir;    // empty: BUILD_DIR/.coscope-lint-cache (none without -p: off)
  bool noCrossTu = false;  // --no-cross-tu
  bool stats = false;      // a line on stderr: summaries reused and computed
};

// Error: usage or configuration problem (no database, bad config): exit code 2.
Result<LintOutput> runLint(const RunOptions& options);

// The names of coscope checks the options enable for `file` (for --list-checks).
Result<std::vector<std::string>> enabledChecks(const RunOptions& options, const std::string& file);

}  // namespace coscope::lint
