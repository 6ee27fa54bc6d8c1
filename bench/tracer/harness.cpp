// bench_tracer: runs each workload under each variant, interleaved, several times, and
// prints a table and, last, one JSON line. Ratios are plain time / variant time (1.0 = free),
// from the fastest of seven runs, in CPU time of the whole process (user + system, all threads,
// the writer included, from wait4): on a shared machine wall time mostly measures the
// neighbours. The wall-time ratios are printed too. Variants:
//   plain         the workload built without the tracer
//   off           linked with coscope::tracer, COSCOPE_TRACE unset
//   events        tracing with the default stacks (spawn stacks, awaiter chains on suspend)
//   stacks        COSCOPE_STACKS=suspend: physical stack + awaiter chain on every suspend
//   asio_builtin  BOOST_ASIO_ENABLE_HANDLER_TRACKING, its output to /dev/null
//   checks        as events, with every runtime check on (COSCOPE_CHECKS=all); the other
//                 tracing variants run with COSCOPE_CHECKS=none to measure the recorder alone
//   events_g      as events, the workload built with -g: the tracer resolves the trace's
//                 addresses from DWARF (what RelWithDebInfo and Debug builds pay)
// Workloads: echo, pingpong, and `empty` (one task that returns at once): the fixed cost per
// process of each variant (start-up, exit, symbols), reported apart. `*_ratio` includes it
// (a 0.3 s echo run pays ≈ 10 ms of it, 3 points of its ratio); `*_ratio_net` subtracts
// each variant's `empty` CPU time from both sides: the cost per event a long-running program
// pays.
// Instruction counts: each variant runs once more under `valgrind --tool=callgrind` (the
// workloads shrunk, see instr_divisor()), counting every instruction of the process, the writer
// thread included. They do not depend on the machine's load, unlike CPU time on a shared
// machine. `*_instr_ratio` = plain / variant over the whole run; `*_instr_ratio_net` the same
// with each variant's `empty` count subtracted (the per-event cost alone). Skipped (-1) when
// valgrind is not installed.
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "coscope/format/reader.hpp"

namespace {

constexpr int kRuns = 7;
// The workloads shrunk this much under callgrind (≈ 50× slower than native). Echo less: its
// tracer cost per process includes symbolizing the distinct addresses of its stacks, which a
// short run would not amortize as a real one does.
const char* instr_divisor(const char* workload) {
  return std::strcmp(workload, "pingpong") == 0 ? "20" : "4";
}

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
    {"events_g", COSCOPE_WORKLOAD_EVENTS_G, "spawn"},
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

void set_environment(const Variant& v, const std::string& trace) {
  ::unsetenv("COSCOPE_TRACE");
  if (v.stacks != nullptr) {
    ::setenv("COSCOPE_TRACE", trace.c_str(), 1);
    ::setenv("COSCOPE_STACKS", v.stacks, 1);
    ::setenv("COSCOPE_CHECKS", v.checks, 1);
  }
}

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
    set_environment(v, trace);
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

// Instructions of the whole process (all threads) under callgrind; -1 on failure.
double count_instructions(const Variant& v, const char* workload, const std::string& trace) {
  std::string log = trace + ".callgrind.log";
  pid_t pid = ::fork();
  if (pid == 0) {
    int null = ::open("/dev/null", O_WRONLY);
    ::dup2(null, 1);
    ::dup2(null, 2);
    set_environment(v, trace);
    std::string log_option = "--log-file=" + log;
    ::execlp("valgrind", "valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
             log_option.c_str(), v.binary, workload, instr_divisor(workload),
             static_cast<char*>(nullptr));
    ::_exit(127);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return -1;
  FILE* in = std::fopen(log.c_str(), "r");
  if (in == nullptr) return -1;
  double collected = -1;
  char line[512];
  while (std::fgets(line, sizeof line, in) != nullptr)
    if (const char* at = std::strstr(line, "Collected :")) collected = std::atof(at + 11);
  std::fclose(in);
  ::unlink(log.c_str());
  return collected;
}

bool have_valgrind() {
  return std::system("valgrind --version >/dev/null 2>&1") == 0;
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

// The fastest of the runs: on a shared machine noise only ever adds time, and a median of
// five still moved by 20 % when a neighbour was busy for a few seconds.
double fastest(const std::vector<double>& v) {
  return v.empty() ? 0 : *std::min_element(v.begin(), v.end());
}

struct Measured {
  std::map<std::string, std::vector<double>> cpu, wall;
  std::map<std::string, double> instructions;  // -1: not counted
  TraceFigures events_trace;
};

bool measure(const char* workload, bool count, Measured& m) {
  for (int i = 0; i < kRuns; ++i) {
    for (const Variant& v : kVariants) {
      std::string trace = "/tmp/coscope_bench_" + std::string(workload) + "_" + v.name + ".cotrace";
      Times t = run(v, workload, trace);
      if (t.wall < 0) {
        std::fprintf(stderr, "bench_tracer: %s %s failed\n", v.name, workload);
        return false;
      }
      m.cpu[v.name].push_back(t.cpu);
      m.wall[v.name].push_back(t.wall);
      if (v.stacks != nullptr && std::string(v.name) == "events" && i == kRuns - 1)
        m.events_trace = read_figures(trace);
    }
  }
  for (const Variant& v : kVariants) {
    std::string trace =
        "/tmp/coscope_bench_" + std::string(workload) + "_" + v.name + ".cg.cotrace";
    m.instructions[v.name] = count ? count_instructions(v, workload, trace) : -1;
    ::unlink(trace.c_str());
  }
  return true;
}

}  // namespace

int main() {
  bool count = have_valgrind();
  if (!count) std::printf("valgrind not found: no instruction counts\n");
  Measured empty;
  if (!measure("empty", count, empty)) return 1;
  double empty_cpu = fastest(empty.cpu["plain"]);
  std::printf(
      "fixed cost per process (workload 'empty': one task), beyond plain's %.3fs cpu, "
      "%.1fM instructions:\n",
      empty_cpu, empty.instructions["plain"] / 1e6);
  std::string fixed = "\"fixed\": {";
  for (const Variant& v : kVariants) {
    if (std::string(v.name) == "plain") continue;
    double cpu = fastest(empty.cpu[v.name]) - empty_cpu;
    double instr = empty.instructions[v.name] < 0
                       ? -1
                       : (empty.instructions[v.name] - empty.instructions["plain"]) / 1e6;
    std::printf("%-9s %-13s +%.4fs cpu, +%.2fM instructions\n", "", v.name, cpu, instr);
    char entry[160];
    std::snprintf(entry, sizeof entry, "%s\"%s_cpu_s\": %.4f, \"%s_minstr\": %.2f",
                  fixed.size() > 10 ? ", " : "", v.name, cpu, v.name, instr);
    fixed += entry;
  }
  fixed += "}";

  std::string json = "{";
  for (const char* workload : {"echo", "pingpong"}) {
    Measured m;
    if (!measure(workload, count, m)) return 1;
    double plain_cpu = fastest(m.cpu["plain"]);
    double plain = fastest(m.wall["plain"]);
    auto ratio = [&](const char* name) { return plain_cpu / fastest(m.cpu[name]); };
    auto net_ratio = [&](const char* name) {
      return (plain_cpu - fastest(empty.cpu["plain"])) /
             (fastest(m.cpu[name]) - fastest(empty.cpu[name]));
    };
    auto wall_ratio = [&](const char* name) { return plain / fastest(m.wall[name]); };
    auto instr_ratio = [&](const char* name, bool net) {
      double p = m.instructions["plain"], v = m.instructions[name];
      if (p < 0 || v < 0) return -1.0;
      if (net) {
        p -= empty.instructions["plain"];
        v -= empty.instructions[name];
      }
      return p / v;
    };
    std::printf("%-9s plain %.3fs wall, %.3fs cpu, %.1fM instructions (1/%s of the workload)\n",
                workload, plain, plain_cpu, m.instructions["plain"] / 1e6, instr_divisor(workload));
    for (const Variant& v : kVariants)
      if (std::string(v.name) != "plain")
        std::printf(
            "%-9s %-13s %.3fs cpu (ratio %.3f, %.3f without the fixed cost), %.3fs wall "
            "(ratio %.3f), instructions ratio %.3f (%.3f without the fixed cost)\n",
            "", v.name, fastest(m.cpu[v.name]), ratio(v.name), net_ratio(v.name),
            fastest(m.wall[v.name]), wall_ratio(v.name), instr_ratio(v.name, false),
            instr_ratio(v.name, true));
    const TraceFigures& t = m.events_trace;
    double bytes_per_event = t.events == 0 ? 0 : double(t.bytes) / double(t.events);
    std::printf("%-9s trace: %llu events, %.2f bytes/event (whole file), %llu dropped\n", workload,
                static_cast<unsigned long long>(t.events), bytes_per_event,
                static_cast<unsigned long long>(t.dropped));
    char entry[2048];
    std::snprintf(entry, sizeof entry,
                  "%s\"%s\": {\"plain_s\": %.4f, \"plain_cpu_s\": %.4f, \"off_ratio\": %.3f, "
                  "\"events_ratio\": %.3f, \"stacks_ratio\": %.3f, \"asio_builtin_ratio\": %.3f, "
                  "\"checks_ratio\": %.3f, \"events_g_ratio\": %.3f, \"off_ratio_net\": %.3f, "
                  "\"events_ratio_net\": %.3f, \"events_g_ratio_net\": %.3f, "
                  "\"stacks_ratio_net\": %.3f, \"checks_ratio_net\": %.3f, "
                  "\"off_instr_ratio\": %.3f, \"events_instr_ratio\": %.3f, "
                  "\"stacks_instr_ratio\": %.3f, \"asio_builtin_instr_ratio\": %.3f, "
                  "\"checks_instr_ratio\": %.3f, \"events_instr_ratio_net\": %.3f, "
                  "\"stacks_instr_ratio_net\": %.3f, \"bytes_per_event\": %.2f, \"events\": %llu, "
                  "\"dropped\": %llu}",
                  json.size() > 1 ? ", " : "", workload, plain, plain_cpu, ratio("off"),
                  ratio("events"), ratio("stacks"), ratio("asio_builtin"), ratio("checks"),
                  ratio("events_g"), net_ratio("off"), net_ratio("events"), net_ratio("events_g"),
                  net_ratio("stacks"), net_ratio("checks"), instr_ratio("off", false),
                  instr_ratio("events", false), instr_ratio("stacks", false),
                  instr_ratio("asio_builtin", false), instr_ratio("checks", false),
                  instr_ratio("events", true), instr_ratio("stacks", true), bytes_per_event,
                  static_cast<unsigned long long>(t.events),
                  static_cast<unsigned long long>(t.dropped));
    json += entry;
  }
  std::printf("%s, %s}\n", json.c_str(), fixed.c_str());
  return 0;
}
