// Cross-TU transitive blocking: what the summaries cost, in one run, side by side, on a
// project of kFiles files that include <boost/asio.hpp>, with a chain of calls that crosses
// every file down to a blocking call:
//   single:  coscope-lint -p --no-cross-tu      (one parse per file: the floor)
//   cold:    coscope-lint -p, empty cache       (summary pass + report pass: two parses)
//   cached:  coscope-lint -p, unchanged tree    (summaries from the cache: one parse)
// CPU time (user + system of the children) and wall time, best of kRuns; -j 2 as on the
// shared 2-core machine. The last line is one JSON object.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "best_of.h"

namespace {

constexpr int kRuns = 2;
constexpr int kFiles = 6;

using coscope::bench::Timing;

void write(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path) << text;
}

}  // namespace

int main() {
  const auto root = std::filesystem::temp_directory_path() / "coscope-bench-lint-xtu";
  std::filesystem::remove_all(root);
  std::filesystem::create_directories(root / "build");
  // stage0.cpp holds the coroutine; stage i calls stage i+1; the last one sleeps.
  std::string db = "[";
  for (int i = 0; i < kFiles; ++i) {
    std::string code = "#include <boost/asio.hpp>\n#include <unistd.h>\n";
    if (i + 1 < kFiles) code += "void stage" + std::to_string(i + 1) + "();\n";
    if (i == 0) {
      code += "boost::asio::awaitable<void> session() {\n  stage1();\n  co_return;\n}\n";
    } else {
      code += "void stage" + std::to_string(i) + "() {\n  ";
      code += i + 1 < kFiles ? "stage" + std::to_string(i + 1) + "();" : "::sleep(1);";
      code += "\n}\n";
    }
    const std::string name = "stage" + std::to_string(i) + ".cpp";
    write(root / name, code);
    db += std::string(i ? "," : "") + "{\"directory\":\"" + root.string() +
          "\",\"command\":\"/usr/bin/clang++-19 -std=c++20 -c " + name + "\",\"file\":\"" + name +
          "\"}";
  }
  write(root / "build" / "compile_commands.json", db + "]");

  // Depth kFiles: the chain stage1 -> ... -> sleep has kFiles - 1 functions.
  write(root / ".coscope-lint.yaml", "CheckOptions:\n  coscope-blocking-call.TransitiveDepth: '" +
                                         std::to_string(kFiles) + "'\n");
  const std::string lint = "cd '" + root.string() + "' && " + COSCOPE_LINT_BIN + " -j 2 -p build";
  const auto cache = root / "build" / ".coscope-lint-cache";
  const Timing single = coscope::bench::bestOf(kRuns, lint + " --no-cross-tu");
  const Timing cold = coscope::bench::bestOf(kRuns, lint, cache);
  const Timing cached = coscope::bench::bestOf(kRuns, lint);

  std::printf("%d files with <boost/asio.hpp>, -j 2, best of %d\n", kFiles, kRuns);
  std::printf("%-26s %10s %10s\n", "run", "CPU ms", "wall ms");
  std::printf("%-26s %10.0f %10.0f\n", "no cross-TU (floor)", single.cpu * 1e3, single.wall * 1e3);
  std::printf("%-26s %10.0f %10.0f\n", "cross-TU, cold cache", cold.cpu * 1e3, cold.wall * 1e3);
  std::printf("%-26s %10.0f %10.0f\n", "cross-TU, cached", cached.cpu * 1e3, cached.wall * 1e3);
  std::printf(
      "{\"bench\":\"lint_xtu\",\"files\":%d,\"single_cpu_ms\":%.0f,\"cold_cpu_ms\":%.0f,"
      "\"cached_cpu_ms\":%.0f,\"cold_wall_ms\":%.0f,\"cached_wall_ms\":%.0f,"
      "\"cold_over_cached_cpu\":%.2f}\n",
      kFiles, single.cpu * 1e3, cold.cpu * 1e3, cached.cpu * 1e3, cold.wall * 1e3,
      cached.wall * 1e3, cold.cpu / cached.cpu);
  std::filesystem::remove_all(root);
}
