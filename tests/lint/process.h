// Running the real binaries from tests, in scratch directories that are removed afterwards.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace coscope::lint::test {

struct Run {
  int code = -1;  // the exit status
  std::string out;
  std::string err;
};

// Runs `command` with /bin/sh in `cwd`; NO_COLOR is not set unless the command sets it.
Run runCommand(const std::string& command, const std::filesystem::path& cwd);
std::string quote(const std::string& text);
// How often `what` occurs in `text`.
int countOf(const std::string& text, const std::string& what);

// clang-tidy-19 with our plugin loaded (COSCOPE_CLANG_TIDY, COSCOPE_TIDY_PLUGIN of the target).
std::string tidyCommand();

// clang-tidy's save-and-reload of check options: `--dump-config` with `config` given as
// --config, then `--dump-config` of that dump reloaded. `before`/`after` hold the option lines
// of each dump that start with one of `prefixes` ("coscope-reference-param.").
struct OptionDumps {
  Run first;
  Run second;
  std::string before;
  std::string after;
};
OptionDumps dumpAndReloadOptions(const std::string& config,
                                 const std::vector<std::string>& prefixes);

class ScratchDir {
 public:
  ScratchDir();
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // Writes a file (creating directories) and returns its absolute path.
  std::filesystem::path write(const std::string& relative, const std::string& text) const;
  std::string read(const std::string& relative) const;

 private:
  std::filesystem::path path_;
};

}  // namespace coscope::lint::test
