// Linter speed, side by side with its baselines on the same files: for each file, the best of
// a few runs of
//   parse: clang++-19 -fsyntax-only          (what any clang-based linter must pay)
//   lint:  coscope-lint FILE                  (target: <= 1.1x parse)
//   tidy:  clang-tidy-19 with its coroutine checks
// Whole processes are timed, as a CI job would run them. The last line is one JSON object.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

namespace {

constexpr int kRuns = 3;
const char* const kTidyChecks =
    "-*,cppcoreguidelines-avoid-capturing-lambda-coroutines,"
    "cppcoreguidelines-avoid-reference-coroutine-parameters,cppcoreguidelines-no-suspend-with-lock,"
    "misc-coroutine-hostile-raii";

double bestSeconds(const std::string& command) {
  double best = 1e9;
  for (int i = 0; i < kRuns; ++i) {
    const auto start = std::chrono::steady_clock::now();
    const int status = std::system((command + " >/dev/null 2>&1").c_str());
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    if (status == -1) {
      std::fprintf(stderr, "cannot run: %s\n", command.c_str());
      std::exit(1);
    }
    best = std::min(best, took.count());
  }
  return best;
}

}  // namespace

int main() {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(COSCOPE_BENCH_INPUTS))
    if (entry.path().extension() == ".cpp") files.push_back(entry.path());
  std::sort(files.begin(), files.end());

  const std::string flags = " -std=c++20";
  double parse = 0, lint = 0, tidy = 0;
  std::printf("%-20s %10s %10s %10s %11s %11s\n", "file", "parse ms", "lint ms", "tidy ms",
              "lint/parse", "tidy/parse");
  for (const auto& file : files) {
    const std::string f = "'" + file.string() + "'";
    const double p = bestSeconds(std::string(COSCOPE_CLANGXX) + " -fsyntax-only" + flags + " " + f);
    const double l = bestSeconds(std::string(COSCOPE_LINT_BIN) + " -j 1 " + f + " --" + flags);
    const double t = bestSeconds(std::string(COSCOPE_CLANG_TIDY) + " --quiet --checks='" +
                                 kTidyChecks + "' " + f + " --" + flags);
    std::printf("%-20s %10.0f %10.0f %10.0f %11.2f %11.2f\n", file.filename().c_str(), p * 1e3,
                l * 1e3, t * 1e3, l / p, t / p);
    parse += p;
    lint += l;
    tidy += t;
  }
  std::printf("%-20s %10.0f %10.0f %10.0f %11.2f %11.2f\n", "total", parse * 1e3, lint * 1e3,
              tidy * 1e3, lint / parse, tidy / parse);
  std::printf(
      "{\"bench\":\"lint\",\"files\":%zu,\"lint_over_parse\":%.3f,\"tidy_over_parse\":%.3f,"
      "\"parse_ms\":%.0f,\"lint_ms\":%.0f,\"tidy_ms\":%.0f}\n",
      files.size(), lint / parse, tidy / parse, parse * 1e3, lint * 1e3, tidy * 1e3);
}
