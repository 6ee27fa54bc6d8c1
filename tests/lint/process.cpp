#include "process.h"

#include <sys/wait.h>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>

namespace coscope::lint::test {

std::string quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

int countOf(const std::string& text, const std::string& what) {
  int n = 0;
  for (auto pos = text.find(what); pos != std::string::npos; pos = text.find(what, pos + 1)) ++n;
  return n;
}

std::string tidyCommand() {
  return quote(COSCOPE_CLANG_TIDY) + " --quiet --load=" + quote(COSCOPE_TIDY_PLUGIN);
}

OptionDumps dumpAndReloadOptions(const std::string& config,
                                 const std::vector<std::string>& prefixes) {
  const ScratchDir dir;
  OptionDumps dumps;
  dumps.first = runCommand(
      tidyCommand() + " --checks='-*,coscope-*' --config=" + quote(config) + " --dump-config",
      dir.path());
  dir.write("dumped.yaml", dumps.first.out);
  dumps.second = runCommand(tidyCommand() + " --config-file=dumped.yaml --dump-config", dir.path());
  // The reloaded dump merges clang-tidy's default Checks again; only the options must match.
  auto ours = [&](const std::string& dump) {
    std::string lines;
    std::istringstream in(dump);
    for (std::string line; std::getline(in, line);)
      for (const auto& prefix : prefixes)
        if (line.find(prefix) != std::string::npos) {
          lines += line + "\n";
          break;
        }
    return lines;
  };
  dumps.before = ours(dumps.first.out);
  dumps.after = ours(dumps.second.out);
  return dumps;
}

Run runCommand(const std::string& command, const std::filesystem::path& cwd) {
  // Captures go to a private scratch directory: tests run in parallel, often in one cwd.
  const ScratchDir capture;
  const auto outFile = capture.path() / "stdout";
  const auto errFile = capture.path() / "stderr";
  const std::string full = "cd " + quote(cwd.string()) + " && (" + command + ") >" +
                           quote(outFile.string()) + " 2>" + quote(errFile.string());
  const int status = std::system(full.c_str());
  Run run;
  run.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  for (auto [file, into] : {std::pair{outFile, &run.out}, std::pair{errFile, &run.err}}) {
    std::ifstream in(file);
    std::ostringstream text;
    text << in.rdbuf();
    *into = text.str();
  }
  return run;
}

ScratchDir::ScratchDir() {
  std::random_device random;
  path_ =
      std::filesystem::temp_directory_path() / ("coscope-lint-test-" + std::to_string(random()));
  std::filesystem::create_directories(path_);
}

ScratchDir::~ScratchDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::filesystem::path ScratchDir::write(const std::string& relative,
                                        const std::string& text) const {
  const auto file = path_ / relative;
  std::filesystem::create_directories(file.parent_path());
  std::ofstream(file) << text;
  return file;
}

std::string ScratchDir::read(const std::string& relative) const {
  std::ifstream in(path_ / relative);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace coscope::lint::test
