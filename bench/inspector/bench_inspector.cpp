// Inspector performance on synthetic traces of 1M and 10M events: load + index time (events
// per second), peak RSS over the file size, state_at latency at random times (p99), and
// Chrome export time. The last line is one JSON object for scripts:
//   {"events_per_s":..., "events_per_cpu_s":..., "peak_rss_over_file":..., "seek_ms_p99":...,
//    "export_s":..., "export_cpu_s":...}
// (figures of the largest trace). Targets: >= 5M events/s, seek p99 < 10 ms at 10M events,
// peak RSS <= 3x the file.
//
// Each size is measured in a child process so that peak RSS (getrusage of the child) is that
// load's alone. Like coscope-inspect, it re-executes itself with huge pages for malloc unless
// GLIBC_TUNABLES is set. Usage: bench_inspector [--events N ...] [--keep DIR]
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "coscope/inspect/cli.hpp"
#include "coscope/inspect/export.hpp"
#include "coscope/inspect/testing/synthetic_trace.hpp"
#include "coscope/model/model.hpp"

namespace {

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

double cpu_seconds() {
  struct rusage ru {};
  getrusage(RUSAGE_SELF, &ru);
  return double(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
         double(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

struct Result {
  double load_cpu_s = 0, events_per_cpu_s = 0;
  double events = 0, file_bytes = 0, load_s = 0, events_per_s = 0, peak_rss = 0, rss_over_file = 0,
         seek_p50_ms = 0, seek_p99_ms = 0, export_s = 0, export_cpu_s = 0, model_bytes = 0;
  coscope::model::MemoryUsage memory;
};

// Runs in the child: load, seek, export; writes the figures to `out` (a pipe).
int measure(const std::string& path, int out) {
  Result r;
  r.file_bytes = double(std::filesystem::file_size(path));
  const double c0 = cpu_seconds();
  auto t0 = Clock::now();
  auto m = coscope::model::Model::load(path);
  if (!m) {
    std::fprintf(stderr, "load failed: %s\n", m.error().message.c_str());
    return 1;
  }
  r.load_s = seconds_since(t0);
  // CPU time too: on a shared machine wall time also measures the other processes.
  r.load_cpu_s = cpu_seconds() - c0;
  r.events_per_cpu_s = double(m->event_count()) / r.load_cpu_s;
  r.events = double(m->event_count());
  r.events_per_s = r.events / r.load_s;
  r.memory = m->memory();
  r.model_bytes = double(r.memory.total());
  struct rusage ru {};
  getrusage(RUSAGE_SELF, &ru);
  r.peak_rss = double(ru.ru_maxrss) * 1024.0;

  std::mt19937_64 rng(42);
  std::vector<double> ms;
  for (int i = 0; i < 200; ++i) {
    const coscope::model::Time t = rng() % (m->end() + 1);
    auto s0 = Clock::now();
    coscope::model::Snapshot s = m->state_at(t);
    ms.push_back(seconds_since(s0) * 1e3);
    if (s.tasks.size() != m->tasks().size()) return 1;
  }
  std::sort(ms.begin(), ms.end());
  r.seek_p50_ms = ms[ms.size() / 2];
  r.seek_p99_ms = ms[ms.size() * 99 / 100];

  const std::string out_path = path + ".chrome.json";
  auto e0 = Clock::now();
  const double ec0 = cpu_seconds();
  {
    std::ofstream file(out_path, std::ios::binary);
    coscope::inspect::export_chrome(*m, file);
  }
  r.export_s = seconds_since(e0);
  r.export_cpu_s = cpu_seconds() - ec0;
  std::filesystem::remove(out_path);
  getrusage(RUSAGE_SELF, &ru);
  r.rss_over_file = r.peak_rss / r.file_bytes;
  if (write(out, &r, sizeof r) != static_cast<ssize_t>(sizeof r)) return 1;
  return 0;
}

bool run_child(const std::string& path, Result& r) {
  int fds[2];
  if (pipe(fds) != 0) return false;
  const pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    _exit(measure(path, fds[1]));
  }
  close(fds[1]);
  const bool got = read(fds[0], &r, sizeof r) == static_cast<ssize_t>(sizeof r);
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  return got && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

bool generate_in_child(const std::string& path, std::uint64_t events) {
  const pid_t pid = fork();
  if (pid == 0) {
    coscope::inspect::testing::SyntheticOptions o;
    o.events = events;
    o.threads = 8;
    o.max_live_tasks = 1000;
    o.chunk_events = 4096;
    auto w = coscope::inspect::testing::write_synthetic(path, o);
    if (!w) std::fprintf(stderr, "cannot write %s: %s\n", path.c_str(), w.error().message.c_str());
    _exit(w ? 0 : 1);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

}  // namespace

int main(int argc, char** argv) {
  // As coscope-inspect does (GLIBC_TUNABLES=glibc.malloc.hugetlb=0 measures without).
  coscope::inspect::reexec_with_huge_pages(argv);
  std::vector<std::uint64_t> sizes;
  std::string dir = std::filesystem::temp_directory_path() / "coscope-bench-inspector";
  bool keep = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--events" && i + 1 < argc)
      sizes.push_back(std::strtoull(argv[++i], nullptr, 10));
    else if (a == "--keep" && i + 1 < argc) {
      dir = argv[++i];
      keep = true;
    } else {
      std::fprintf(stderr, "usage: bench_inspector [--events N ...] [--keep DIR]\n");
      return 2;
    }
  }
  if (sizes.empty()) sizes = {1'000'000, 10'000'000};
  std::filesystem::create_directories(dir);
  Result last;
  for (std::uint64_t n : sizes) {
    const std::string path = dir + "/synthetic-" + std::to_string(n) + ".cotrace";
    // Generated in a child of its own: the measuring child, forked from this process, must
    // not inherit the generator's memory in its RSS.
    if (!std::filesystem::exists(path) && !generate_in_child(path, n)) return 1;
    Result r;
    if (!run_child(path, r)) {
      std::fprintf(stderr, "measuring %s failed\n", path.c_str());
      return 1;
    }
    std::printf(
        "%10.0f events  file %7.1f MB (%.2f B/event)  load %6.3f s wall %6.3f s cpu  %5.2f M "
        "events/s wall %5.2f M/s cpu  peak RSS "
        "%7.1f MB (%.2fx file, model %.1f MB)  seek p50 %.3f ms p99 %.3f ms  export %.2f s wall "
        "%.2f s cpu\n"
        "           model: events %.1f MB, keyframes %.1f MB, tasks %.1f MB, other %.1f MB\n",
        r.events, r.file_bytes / 1e6, r.file_bytes / r.events, r.load_s, r.load_cpu_s,
        r.events_per_s / 1e6, r.events_per_cpu_s / 1e6, r.peak_rss / 1e6, r.rss_over_file,
        r.model_bytes / 1e6, r.seek_p50_ms, r.seek_p99_ms, r.export_s, r.export_cpu_s,
        double(r.memory.events) / 1e6, double(r.memory.keyframes) / 1e6,
        double(r.memory.tasks) / 1e6, double(r.memory.other) / 1e6);
    if (!keep) std::filesystem::remove(path);
    last = r;
  }
  std::printf(
      "{\"events_per_s\": %.0f, \"events_per_cpu_s\": %.0f, \"peak_rss_over_file\": %.3f, "
      "\"seek_ms_p99\": %.3f, \"export_s\": %.3f, \"export_cpu_s\": %.3f}\n",
      last.events_per_s, last.events_per_cpu_s, last.rss_over_file, last.seek_p99_ms, last.export_s,
      last.export_cpu_s);
  return 0;
}
