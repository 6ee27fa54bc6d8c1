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
