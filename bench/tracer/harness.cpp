// bench_tracer: runs each workload under each variant, interleaved, several times, and
// prints a table and, last, one JSON line. Ratios are plain time / variant time (1.0 = free),
// from the median of the runs, in CPU time of the whole process (user + system, all threads,
// the writer included, from wait4): on a shared machine wall time mostly measures the
// neighbours. The wall-time ratios are printed too. Variants:
//   plain         the workload built without the tracer
//   off           linked with coscope::tracer, COSCOPE_TRACE unset
//   events        tracing with the default stacks (spawn stacks, awaiter chains on suspend)
//   stacks        COSCOPE_STACKS=suspend: physical stack + awaiter chain on every suspend
//   asio_builtin  BOOST_ASIO_ENABLE_HANDLER_TRACKING, its output to /dev/null
//   checks        as events, with every runtime check on (COSCOPE_CHECKS=all); the other
//                 tracing variants run with COSCOPE_CHECKS=none to measure the recorder alone
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "coscope/format/reader.hpp"

namespace {

constexpr int kRuns = 5;

struct Variant {
  const char* name;
  const char* binary;
  const char* stacks;           // COSCOPE_STACKS, nullptr: not tracing
  const char* checks = "none";  // COSCOPE_CHECKS while tracing
};

const Variant kVariants[] = {
    {"plain", COSCOPE_WORKLOAD_PLAIN, nullptr},
    {"off", COSCOPE_WORKLOAD_OFF, nullptr},
    {"events", COSCOPE_WORKLOAD_EVENTS, "spawn"},
    {"stacks", COSCOPE_WORKLOAD_STACKS, "suspend"},
    {"asio_builtin", COSCOPE_WORKLOAD_ASIO_BUILTIN, nullptr},
    {"checks", COSCOPE_WORKLOAD_EVENTS, "spawn", "all"},
};

struct TraceFigures {
  std::uint64_t bytes = 0;
  std::uint64_t events = 0;
  std::uint64_t dropped = 0;
};

struct Times {
  double wall = -1;  // what the workload measured around itself
  double cpu = -1;   // the process's CPU time, start-up and exit included
};

// Runs one variant; wall < 0 on failure.
Times run(const Variant& v, const char* workload, const std::string& trace) {
  int out[2];
  if (::pipe(out) != 0) return {};
  pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(out[1], 1);
    ::close(out[0]);
    int null = ::open("/dev/null", O_WRONLY);
    ::dup2(null, 2);  // Asio's built-in tracking writes to stderr
    ::unsetenv("COSCOPE_TRACE");
    if (v.stacks != nullptr) {
      ::setenv("COSCOPE_TRACE", trace.c_str(), 1);
      ::setenv("COSCOPE_STACKS", v.stacks, 1);
      ::setenv("COSCOPE_CHECKS", v.checks, 1);
    }
    ::execl(v.binary, v.binary, workload, static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(out[1]);
  char buf[64] = {};
  ssize_t n = ::read(out[0], buf, sizeof buf - 1);
  ::close(out[0]);
  int status = 0;
  rusage usage{};
  ::wait4(pid, &status, 0, &usage);
  if (n <= 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) return {};
  auto seconds = [](const timeval& t) { return double(t.tv_sec) + double(t.tv_usec) / 1e6; };
  return {std::atof(buf), seconds(usage.ru_utime) + seconds(usage.ru_stime)};
}

TraceFigures read_figures(const std::string& path) {
  TraceFigures f;
  auto reader = coscope::format::TraceReader::open(path);
  if (!reader) return f;
  f.bytes = reader->file_size();
  while (auto r = reader->next()) {
    if (!coscope::format::is_event(*r)) continue;
    ++f.events;
    if (auto* d = std::get_if<coscope::format::DroppedEvents>(&*r)) f.dropped += d->count;
  }
  return f;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

}  // namespace

int main() {
  std::string json = "{";
  for (const char* workload : {"echo", "pingpong"}) {
    std::map<std::string, std::vector<double>> times, walls;
    TraceFigures events_trace;
    for (int i = 0; i < kRuns; ++i) {
      for (const Variant& v : kVariants) {
        std::string trace =
            "/tmp/coscope_bench_" + std::string(workload) + "_" + v.name + ".cotrace";
        Times t = run(v, workload, trace);
        if (t.wall < 0) {
          std::fprintf(stderr, "bench_tracer: %s %s failed\n", v.name, workload);
          return 1;
        }
        times[v.name].push_back(t.cpu);
        walls[v.name].push_back(t.wall);
        if (v.stacks != nullptr && std::string(v.name) == "events" && i == kRuns - 1)
          events_trace = read_figures(trace);
      }
    }
    double plain_cpu = median(times["plain"]);
    double plain = median(walls["plain"]);
    auto ratio = [&](const char* name) { return plain_cpu / median(times[name]); };
    auto wall_ratio = [&](const char* name) { return plain / median(walls[name]); };
    std::printf("%-9s plain %.3fs wall, %.3fs cpu\n", workload, plain, plain_cpu);
    for (const Variant& v : kVariants)
      if (std::string(v.name) != "plain")
        std::printf("%-9s %-13s %.3fs cpu (ratio %.3f), %.3fs wall (ratio %.3f)\n", "", v.name,
                    median(times[v.name]), ratio(v.name), median(walls[v.name]),
                    wall_ratio(v.name));
    double bytes_per_event =
        events_trace.events == 0 ? 0 : double(events_trace.bytes) / double(events_trace.events);
    std::printf("%-9s trace: %llu events, %.2f bytes/event (whole file), %llu dropped\n", workload,
                static_cast<unsigned long long>(events_trace.events), bytes_per_event,
                static_cast<unsigned long long>(events_trace.dropped));
    char entry[512];
    std::snprintf(entry, sizeof entry,
                  "%s\"%s\": {\"plain_s\": %.4f, \"off_ratio\": %.3f, \"events_ratio\": %.3f, "
                  "\"stacks_ratio\": %.3f, \"asio_builtin_ratio\": %.3f, \"checks_ratio\": "
                  "%.3f, \"bytes_per_event\": %.2f, \"events\": %llu, \"dropped\": %llu}",
                  json.size() > 1 ? ", " : "", workload, plain, ratio("off"), ratio("events"),
                  ratio("stacks"), ratio("asio_builtin"), ratio("checks"), bytes_per_event,
                  static_cast<unsigned long long>(events_trace.events),
                  static_cast<unsigned long long>(events_trace.dropped));
    json += entry;
  }
  std::printf("%s}\n", json.c_str());
  return 0;
}
