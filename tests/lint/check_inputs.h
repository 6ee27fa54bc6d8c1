// The annotated input files of the check tests: inputs/checks/<check-name>/*.cpp. Each folder is
// run with only its own check enabled, so one check's inputs never see another check's findings.
#pragma once

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

namespace coscope::lint::test {

struct CheckInput {
  std::string check;     // folder name: the check under test, e.g. "coscope-blocking-call"
  std::string relative;  // "coscope-blocking-call/asio.cpp", relative to the inputs root
};

inline std::vector<CheckInput> checkInputs(const std::string& root) {
  std::vector<CheckInput> inputs;
  for (const auto& dir : std::filesystem::directory_iterator(root)) {
    if (!dir.is_directory()) continue;
    for (const auto& file : std::filesystem::directory_iterator(dir.path()))
      if (file.path().extension() == ".cpp")
        inputs.push_back({dir.path().filename().string(),
                          dir.path().filename().string() + "/" + file.path().filename().string()});
  }
  std::sort(inputs.begin(), inputs.end(),
            [](const auto& a, const auto& b) { return a.relative < b.relative; });
  return inputs;
}

// How gtest prints the parameter in test logs.
inline void PrintTo(const CheckInput& input, std::ostream* os) {
  *os << input.relative;
}

// A gtest parameter name: "coscope_blocking_call_asio".
inline std::string testName(const CheckInput& input) {
  std::string name = input.relative.substr(0, input.relative.rfind('.'));
  if (name.rfind("coscope-", 0) == 0) name = name.substr(8);
  std::replace_if(
      name.begin(), name.end(), [](char c) { return !std::isalnum(c); }, '_');
  return name;
}

}  // namespace coscope::lint::test
