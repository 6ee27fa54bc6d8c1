// coscope-lint's configuration file, .coscope-lint.yaml, found upward from each checked file
// like .clang-tidy (or given with --config). It selects checks and extends the catalog; the
// runner turns it into clang-tidy check options, the same options a .clang-tidy file gives the
// plugin. Format (every key optional):
//
//   Checks: '-*,coscope-blocking-call'
//   CatalogFile: my-catalog.json          # replaces the built-in catalog (relative: to this file)
//   BlockingFunctions:
//     - Name: mylib::fetch_sync
//       Instead: co_await mylib::fetch(...)
//   BlockingTypes: [mylib::FileLock]
//   AllowedFunctions: [std::filesystem::exists]
//   AllowedFiles: ['tools/*', '*/generated/*']   # relative globs: to this file's directory
//   CheckOptions:                        # any check's options, as in .clang-tidy
//     coscope-lock-across-suspend.LockTypes: 'std::lock_guard;mylib::Guard'
#pragma once

#include "support/result.h"

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace coscope::lint {

inline constexpr const char* kConfigFileName = ".coscope-lint.yaml";

struct UserFunction {
  std::string name;
  std::string instead;
};

struct Config {
  std::string path;  // where it was read from
  std::optional<std::string> checks;
  std::optional<std::string> catalogFile;  // absolute after loading
  std::vector<UserFunction> blockingFunctions;
  std::vector<std::string> blockingTypes;
  std::vector<std::string> allowedFunctions;
  std::vector<std::string> allowedFiles;  // absolute or starting with '*' after loading
  std::map<std::string, std::string> extraCheckOptions;  // CheckOptions: "check.Option" -> value

  // The check options this config sets, keyed "coscope-blocking-call.BlockingFunctions" etc.:
  // CheckOptions verbatim, then the blocking-call keys (which win over the same CheckOptions key).
  std::map<std::string, std::string> checkOptions() const;
};

// Parses YAML text; relative paths are resolved against the directory of `path`.
Result<Config> parseConfig(const std::string& text, const std::string& path);
Result<Config> loadConfig(const std::string& path);
// Checks what the check would only notice while running: the catalog file loads, globs parse.
Result<bool> validateConfig(const Config& config);

// Finds and caches configs for files, thread-safe. With an explicit config every file gets it.
class ConfigSet {
 public:
  explicit ConfigSet(std::optional<Config> explicitConfig = std::nullopt)
      : explicit_(std::move(explicitConfig)) {}
  // The config for a file: explicit, else the nearest .coscope-lint.yaml above it, else none.
  Result<const Config*> forFile(const std::string& file);

 private:
  Result<const Config*> forDirectory(const std::string& dir);

  std::optional<Config> explicit_;
  std::mutex mutex_;
  std::map<std::string, std::optional<Config>> byDirectory_;  // nullopt: no config up from here
};

}  // namespace coscope::lint
