// Timing whole processes for the linter benchmarks: CPU time (user + system of the children,
// from getrusage; on a shared machine wall time mostly measures the neighbours) and wall time,
// each the best of several runs.
#pragma once

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

namespace coscope::bench {

struct Timing {
  double cpu = 1e9;   // best user+system seconds of the run
  double wall = 1e9;  // best wall seconds
};

inline double childrenCpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_CHILDREN, &usage);
  auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// Runs `command` (output discarded) `runs` times; removes `clearBefore` before each run when
// given (a cache whose cold cost is measured). Exits when the command cannot be started.
inline Timing bestOf(int runs, const std::string& command,
                     const std::filesystem::path& clearBefore = {}) {
  Timing out;
  for (int i = 0; i < runs; ++i) {
    if (!clearBefore.empty()) std::filesystem::remove_all(clearBefore);
    const double cpuBefore = childrenCpuSeconds();
    const auto start = std::chrono::steady_clock::now();
    const int status = std::system((command + " >/dev/null 2>&1").c_str());
    const std::chrono::duration<double> wall = std::chrono::steady_clock::now() - start;
    if (status == -1) {
      std::fprintf(stderr, "cannot run: %s\n", command.c_str());
      std::exit(1);
    }
    out.cpu = std::min(out.cpu, childrenCpuSeconds() - cpuBefore);
    out.wall = std::min(out.wall, wall.count());
  }
  return out;
}

}  // namespace coscope::bench
