#include "driver/cli.h"

#include "driver/baseline.h"
#include "driver/checks_info.h"
#include "driver/report.h"
#include "driver/runner.h"

#include <unistd.h>
#include <CLI/CLI.hpp>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <thread>

namespace coscope::lint {
namespace {

struct Arguments {
  RunOptions run;
  std::string format = "text";
  std::string output;
  std::string baseline;
  std::string writeBaseline;
  bool listChecks = false;
  std::string explain;
};

bool writeFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  return static_cast<bool>(out.flush());
}

std::string workingDirectory() {
  char buf[4096];
  return getcwd(buf, sizeof buf) ? std::string(buf) : std::string();
}

// no-color.org: colours are off when NO_COLOR is set to a non-empty value.
bool noColor() {
  const char* value = std::getenv("NO_COLOR");
  return value != nullptr && *value != '\0';
}

int listChecks(const Arguments& args) {
  const std::string probe =
      args.run.files.empty() ? workingDirectory() + "/probe.cpp" : args.run.files.front();
  auto names = enabledChecks(args.run, probe);
  if (!names) {
    std::cerr << "coscope-lint: " << names.error().message << "\n";
    return kUsageError;
  }
  std::cout << "Enabled checks:\n";
  for (const auto& name : names.value()) std::cout << "    " << name << "\n";
  return kClean;
}

int explain(const std::string& name) {
  const CheckInfo* check = findCheck(name);
  if (!check) {
    std::cerr << "coscope-lint: unknown check '" << name << "'; known checks:";
    for (const auto& c : knownChecks()) std::cerr << " " << c.name;
    std::cerr << "\n";
    return kUsageError;
  }
  std::cout << check->doc;
  return kClean;
}

int lint(const Arguments& args) {
  Baseline baseline;
  if (!args.baseline.empty()) {
    auto loaded = readBaseline(args.baseline);
    if (!loaded) {
      std::cerr << "coscope-lint: " << loaded.error().message << "\n";
      return kUsageError;
    }
    baseline = std::move(loaded.value());
  }
  auto result = runLint(args.run);
  if (!result) {
    std::cerr << "coscope-lint: " << result.error().message << "\n";
    return kUsageError;
  }
  LintOutput& out = result.value();
  const std::string root = workingDirectory();
  assignFingerprints(out.findings, root);
  const bool toTerminal = args.output.empty() && isatty(STDOUT_FILENO);
  const ReportOptions report{root, toTerminal && !noColor(), COSCOPE_VERSION};

  // Clang's own errors always go to stderr, whatever the report format.
  std::cerr << textReport(out.errors, {root, isatty(STDERR_FILENO) && !noColor(), ""});
  for (const auto& problem : out.configProblems) std::cerr << "coscope-lint: " << problem << "\n";

  if (!args.writeBaseline.empty() &&
      !writeFile(args.writeBaseline, baselineJson(out.findings, root))) {
    std::cerr << "coscope-lint: cannot write " << args.writeBaseline << "\n";
    return kUsageError;
  }
  const std::size_t known = applyBaseline(baseline, out.findings);
  const std::string text = args.format == "sarif"  ? sarifReport(out, report)
                           : args.format == "json" ? jsonReport(out, report)
                                                   : textReport(out.findings, report);
  if (args.output.empty()) {
    std::cout << text << std::flush;
  } else if (!writeFile(args.output, text)) {
    std::cerr << "coscope-lint: cannot write " << args.output << "\n";
    return kUsageError;
  }
  std::cerr << out.findings.size() << " finding(s) in " << out.filesChecked << " file(s)";
  if (known > 0) std::cerr << ", " << known << " known from the baseline";
  if (!out.failedFiles.empty())
    std::cerr << "; " << out.failedFiles.size() << " file(s) could not be parsed";
  std::cerr << "\n";

  if (!out.configProblems.empty()) return kUsageError;
  if (!out.failedFiles.empty()) return kParseFailure;
  if (!args.writeBaseline.empty()) return kClean;  // the findings are now the baseline
  return out.findings.empty() ? kClean : kFindings;
}

}  // namespace

int runCli(int argc, const char* const* argv) {
  Arguments args;
  // Everything after "--" is compiler arguments, as for clang-tidy: no compilation database.
  std::vector<std::string> ours;
  for (int i = 1; i < argc; ++i) {
    if (std::string(argv[i]) == "--" && !args.run.hasFixedArgs) {
      args.run.hasFixedArgs = true;
      continue;
    }
    (args.run.hasFixedArgs ? args.run.fixedArgs : ours).push_back(argv[i]);
  }
  std::reverse(ours.begin(), ours.end());  // CLI11 parses a reversed vector

  CLI::App app{
      "coscope-lint: finds the hazards of C++20 coroutines (blocking calls, locks held across "
      "co_await, dangling references, lost exceptions) in the files of a compilation "
      "database.\nExit codes: 0 clean, 1 findings, 2 usage or configuration error, 3 a file did "
      "not parse (the others are still checked).",
      "coscope-lint"};
  app.set_version_flag("--version", COSCOPE_VERSION);
  args.run.jobs = std::max(1u, std::thread::hardware_concurrency());
  app.add_option("files", args.run.files, "Files to check (default: all files of the database)");
  app.add_option("-p,--build-path", args.run.buildDir,
                 "Directory containing compile_commands.json");
  app.add_option("-j,--jobs", args.run.jobs, "Files checked in parallel (default: number of cores)")
      ->check(CLI::Range(1, 256));
  app.add_option("--checks", args.run.checks, "Check globs, e.g. '-*,coscope-blocking-call'");
  app.add_option("--config", args.run.configFile,
                 "Configuration file (default: .coscope-lint.yaml found upward)");
  app.add_option("--format", args.format, "Output format")
      ->check(CLI::IsMember({"text", "json", "sarif"}));
  app.add_option("-o,--output", args.output, "Write the report to FILE instead of stdout");
  app.add_option("--baseline", args.baseline, "Do not report findings listed in this baseline");
  app.add_option("--write-baseline", args.writeBaseline,
                 "Record the current findings as a baseline");
  app.add_flag("--list-checks", args.listChecks, "List the enabled checks and exit");
  app.add_option("--explain", args.explain, "Print the documentation of a check and exit");
  app.add_option("--resource-dir", args.run.resourceDir,
                 "Clang resource directory (builtin headers)");
  app.add_option("--cache-dir", args.run.cacheDir,
                 "Where cross-TU summaries are cached (default: BUILD_DIR/.coscope-lint-cache)");
  app.add_flag("--no-cross-tu", args.run.noCrossTu,
               "Transitive blocking within each file only: no cross-TU summaries");
  app.add_flag("--stats", args.run.stats, "Print how many summaries came from the cache");
  try {
    app.parse(ours);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kClean : kUsageError;
  }
  if (!args.explain.empty()) return explain(args.explain);
  if (args.run.checks) {
    if (const auto unknown = globsMatchingNoCheck(*args.run.checks); !unknown.empty()) {
      std::cerr << "coscope-lint: --checks '" << unknown.front()
                << "' matches no check; known checks:";
      for (const auto& c : knownChecks()) std::cerr << " " << c.name;
      std::cerr << "\n";
      return kUsageError;
    }
  }
  if (args.listChecks) return listChecks(args);
  args.run.progress = isatty(STDERR_FILENO) && args.run.files.size() != 1;
  return lint(args);
}

}  // namespace coscope::lint
