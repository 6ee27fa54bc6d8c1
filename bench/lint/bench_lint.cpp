// Linter speed, side by side with its baselines on the same files: for each file, the best of
// a few runs of
//   parse: clang++-19 -fsyntax-only          (what any clang-based linter must pay)
//   lint:  coscope-lint FILE                  (target: <= 1.1x parse)
//   tidy:  clang-tidy-19 with its coroutine checks
// Whole processes are measured, as a CI job would run them, by their CPU time (user + system,
// from getrusage of the children): on a shared 2-core machine wall time mostly measures the
// neighbours. Wall times are printed too. The last line is one JSON object.
//
// CPU time still varies with the load; for a deterministic figure count instructions (about
// 20 minutes per run on the shared machine, hence not part of this benchmark):
//   valgrind --tool=callgrind clang++-19 -fsyntax-only -std=c++20 asio.cpp
//   valgrind --tool=callgrind coscope-lint -j 1 asio.cpp -- -std=c++20
// and compare the "Collected" lines (lint 10.37 G / parse 10.35 G = 1.00; 1.15 before the
// traversal was limited to user code).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "best_of.h"

namespace {

constexpr int kRuns = 3;
const char* const kTidyChecks =
    "-*,cppcoreguidelines-avoid-capturing-lambda-coroutines,"
    "cppcoreguidelines-avoid-reference-coroutine-parameters,cppcoreguidelines-no-suspend-with-lock,"
    "misc-coroutine-hostile-raii";

using coscope::bench::Timing;

}  // namespace

int main() {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(COSCOPE_BENCH_INPUTS))
    if (entry.path().extension() == ".cpp") files.push_back(entry.path());
  std::sort(files.begin(), files.end());

  const std::string flags = " -std=c++20";
  Timing parse{0, 0}, lint{0, 0}, tidy{0, 0};
  std::printf("%-18s %9s %9s %9s %10s %10s %13s\n", "file", "parse ms", "lint ms", "tidy ms",
              "lint/parse", "tidy/parse", "wall l/p");
  auto row = [](const std::string& name, const Timing& p, const Timing& l, const Timing& t) {
    std::printf("%-18s %9.0f %9.0f %9.0f %10.2f %10.2f %13.2f\n", name.c_str(), p.cpu * 1e3,
                l.cpu * 1e3, t.cpu * 1e3, l.cpu / p.cpu, t.cpu / p.cpu, l.wall / p.wall);
  };
  for (const auto& file : files) {
    const std::string f = "'" + file.string() + "'";
    const Timing p = coscope::bench::bestOf(
        kRuns, std::string(COSCOPE_CLANGXX) + " -fsyntax-only" + flags + " " + f);
    const Timing l =
        coscope::bench::bestOf(kRuns, std::string(COSCOPE_LINT_BIN) + " -j 1 " + f + " --" + flags);
    const Timing t =
        coscope::bench::bestOf(kRuns, std::string(COSCOPE_CLANG_TIDY) + " --quiet --checks='" +
                                          kTidyChecks + "' " + f + " --" + flags);
    row(file.filename().string(), p, l, t);
    for (auto [sum, one] : {std::pair{&parse, p}, std::pair{&lint, l}, std::pair{&tidy, t}}) {
      sum->cpu += one.cpu;
      sum->wall += one.wall;
    }
  }
  row("total (CPU ms)", parse, lint, tidy);
  std::printf(
      "{\"bench\":\"lint\",\"files\":%zu,\"lint_over_parse\":%.3f,\"tidy_over_parse\":%.3f,"
      "\"lint_over_parse_wall\":%.3f,\"parse_cpu_ms\":%.0f,\"lint_cpu_ms\":%.0f,\"tidy_cpu_ms\":%."
      "0f}\n",
      files.size(), lint.cpu / parse.cpu, tidy.cpu / parse.cpu, lint.wall / parse.wall,
      parse.cpu * 1e3, lint.cpu * 1e3, tidy.cpu * 1e3);
}
