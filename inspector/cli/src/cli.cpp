// Argument parsing (CLI11) and the common path of every subcommand: load the trace (exit 3
// when it cannot be read; warn about damage and carry on), run the command.
#include "coscope/inspect/cli.hpp"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <fstream>
#include <ostream>

#include "commands.hpp"
#include "coscope/model/format_time.hpp"

namespace coscope::inspect {
namespace {

constexpr const char* kDescription =
    "coscope-inspect: replay a coscope trace of a coroutine program.\n"
    "  coscope-inspect TRACE   opens the interactive UI on a terminal (prints the summary when\n"
    "                          stdout is not a terminal).\n"
    "TIME values: 1.5s, 250ms, 40us, 100ns, a bare number of seconds, 50% of the trace, or\n"
    "'end'. Exit codes: 0 ok, 1 findings (check), 2 usage error, 3 unreadable trace.";

struct Common {
  std::string trace;
  std::string symbols = "auto";
  bool json = false;
};

void add_common(CLI::App* cmd, Common& c, bool json = true) {
  cmd->add_option("TRACE", c.trace, "trace file written by the coscope tracer")->required();
  cmd->add_option("--symbols", c.symbols,
                  "where names of addresses come from: auto (the trace, else the binaries), "
                  "trace, none")
      ->check(CLI::IsMember({"auto", "trace", "none"}));
  if (json) cmd->add_flag("--json", c.json, "machine-readable output");
}

model::SymbolSource symbol_source(const std::string& s) {
  return s == "trace"  ? model::SymbolSource::trace_only
         : s == "none" ? model::SymbolSource::none
                       : model::SymbolSource::automatic;
}

std::optional<model::Model> load(const Common& c, Environment& env) {
  model::LoadOptions lo;
  lo.symbols = symbol_source(c.symbols);
  auto m = model::Model::load(c.trace, lo);
  if (!m) {
    env.err << "coscope-inspect: cannot read trace: " << m.error().message << "\n";
    return std::nullopt;
  }
  for (const format::Damage& d : m->damage())
    env.err << "coscope-inspect: warning: " << c.trace << " is damaged at " << d.describe()
            << "; showing what was recovered\n";
  if (m->dropped_events())
    env.err << "coscope-inspect: warning: the tracer dropped " << m->dropped_events()
            << " events; figures near those moments are incomplete\n";
  return std::move(m.value());
}

// Resolves a --at value against the loaded trace; `text` empty means the end.
std::optional<model::Time> resolve_time(const std::string& text, const model::Model& m,
                                        Environment& env) {
  if (text.empty() || text == "end") return m.end();
  if (text == "start") return m.start();
  auto t = model::parse_time(text, m.end());
  if (!t) env.err << "coscope-inspect: invalid time '" << text << "' (try 1.5s, 250ms, 50%)\n";
  return t;
}

}  // namespace

int run(int argc, const char* const* argv, Environment& env) {
  // `coscope-inspect TRACE`: the UI on a terminal, else the summary.
  static const std::vector<std::string> kCommands = {"summary", "tasks",  "task",
                                                     "stacks",  "export", "check"};
  if (argc == 2 && argv[1][0] != '-' &&
      std::find(kCommands.begin(), kCommands.end(), argv[1]) == kCommands.end()) {
    if (env.stdout_is_terminal && env.tui) return env.tui(argv[1]);
    Common c{argv[1]};
    auto m = load(c, env);
    if (!m) return kExitUnreadable;
    return summary_command(*m, SummaryOptions{}, env.out);
  }
  // A word that is neither a command nor the trace of `coscope-inspect TRACE` ("json F", a
  // misspelt command): CLI11 would only say that a subcommand is required.
  if (argc > 2 && argv[1][0] != '-' &&
      std::find(kCommands.begin(), kCommands.end(), argv[1]) == kCommands.end()) {
    env.err << "coscope-inspect: unknown command '" << argv[1]
            << "' (commands: summary, tasks, task, stacks, export, check; for JSON, add --json "
               "to summary, tasks, task, stacks or check)\n";
    return kExitUsage;
  }

  CLI::App app{kDescription, "coscope-inspect"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "coscope-inspect 0.1.0");

  Common common;
  SummaryOptions sum;
  auto* summary = app.add_subcommand("summary",
                                     "program, duration, threads, tasks by state, "
                                     "busiest tasks, findings with async stacks");
  add_common(summary, common);
  summary->add_option("--top", sum.top, "busiest tasks listed (default 10)");
  summary->add_option("--findings-per-kind", sum.findings_per_kind,
                      "findings shown with stacks per kind (default 3, 0 = all)");

  TasksOptions tasks_opt;
  std::string at, state;
  auto* tasks = app.add_subcommand("tasks", "the task table at a time");
  add_common(tasks, common);
  tasks->add_option("--at", at, "TIME of the table (default: end of the trace)");
  tasks->add_option("--state", state, "only tasks in this state")
      ->check(CLI::IsMember({"scheduled", "running", "suspended", "done", "failed"}));
  tasks->add_option("--sort", tasks_opt.sort, "column to sort by (default id)")
      ->check(CLI::IsMember(task_sort_columns()));
  tasks->add_flag("--reverse", tasks_opt.reverse, "largest first");
  tasks->add_option("--limit", tasks_opt.limit, "at most this many rows (0 = all)");

  TaskOptions task_opt;
  std::uint64_t task_id = 0;
  auto* task = app.add_subcommand("task", "one task: timeline, async stack, figures, logs");
  add_common(task, common);
  task->add_option("ID", task_id, "task id as shown by `tasks`")->required();
  task->add_option("--at", at, "TIME for the state and async stack (default: end)");
  task->add_option("--limit", task_opt.limit, "events listed (default 200, 0 = all)");
  task->add_flag("--full-stack", task_opt.full_stack,
                 "show library frames (std, Boost) instead of folding them");

  StacksOptions stacks_opt;
  auto* stacks =
      app.add_subcommand("stacks", "async stacks of all live tasks at a time, grouped with counts");
  add_common(stacks, common);
  stacks->add_option("--at", at, "TIME (default: end of the trace)");
  stacks->add_flag("--full-stack", stacks_opt.full_stack,
                   "show library frames (std, Boost) instead of folding them");

  std::string format = "chrome", output;
  auto* exp = app.add_subcommand("export",
                                 "Chrome trace-event JSON for ui.perfetto.dev or "
                                 "chrome://tracing");
  add_common(exp, common, false);
  exp->add_option("--format", format, "output format (chrome)")->check(CLI::IsMember({"chrome"}));
  exp->add_option("-o,--output", output, "output file ('-' for stdout)")->required();

  CheckOptions check_opt;
  std::vector<std::string> fail_on;
  auto* check = app.add_subcommand(
      "check", "list findings; exit 1 when there are findings of the given kinds");
  add_common(check, common);
  std::vector<std::string> kinds = {"all", "warnings"};
  for (int k = 0; k < model::kFindingKindCount; ++k)
    kinds.push_back(model::finding_kind_name(static_cast<model::FindingKind>(k)));
  check
      ->add_option("--fail-on", fail_on,
                   "finding kinds that fail the check, space- or comma-separated (default: "
                   "warnings = blocking-call, slow-resume, lost-exception, lost-task, "
                   "never-completed; 'all' = any)")
      ->delimiter(',')
      ->check(CLI::IsMember(kinds))
      ->expected(1, -1);
  check->add_flag("--full-stack", check_opt.full_stack,
                  "show library frames (std, Boost) instead of folding them");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e, env.out, env.err);
    return code == 0 ? kExitOk : kExitUsage;
  }

  auto m = load(common, env);
  if (!m) return kExitUnreadable;

  if (summary->parsed()) {
    sum.json = common.json;
    return summary_command(*m, sum, env.out);
  }
  if (exp->parsed()) {
    if (output == "-") {
      export_chrome(*m, env.out);
      return kExitOk;
    }
    std::ofstream file(output, std::ios::binary);
    if (!file) {
      env.err << "coscope-inspect: cannot write " << output << "\n";
      return kExitUsage;
    }
    export_chrome(*m, file);
    file.close();
    if (!file) {
      env.err << "coscope-inspect: writing " << output << " failed\n";
      return kExitUsage;
    }
    return kExitOk;
  }
  if (check->parsed()) {
    check_opt.json = common.json;
    for (const std::string& k : fail_on) {
      if (k == "warnings") continue;  // the default set, kept empty
      if (k == "all") {
        for (int i = 0; i < model::kFindingKindCount; ++i)
          check_opt.fail_on.push_back(static_cast<model::FindingKind>(i));
      } else if (auto kind = model::parse_finding_kind(k)) {
        check_opt.fail_on.push_back(*kind);
      }
    }
    if (std::find(fail_on.begin(), fail_on.end(), "warnings") != fail_on.end() &&
        !check_opt.fail_on.empty())
      for (int i = 0; i < model::kFindingKindCount; ++i)
        if (model::severity(static_cast<model::FindingKind>(i)) == model::Severity::warning)
          check_opt.fail_on.push_back(static_cast<model::FindingKind>(i));
    return check_command(*m, check_opt, env.out);
  }
  const auto when = resolve_time(at, *m, env);
  if (!when) return kExitUsage;
  if (tasks->parsed()) {
    tasks_opt.json = common.json;
    tasks_opt.at = *when;
    if (!state.empty()) tasks_opt.state = model::parse_phase(state);
    return tasks_command(*m, tasks_opt, env.out);
  }
  if (task->parsed()) {
    auto index = m->find_task(task_id);
    if (!index) {
      env.err << "coscope-inspect: no task " << task_id << " in " << common.trace << "\n";
      return kExitUsage;
    }
    task_opt.json = common.json;
    task_opt.at = *when;
    return task_command(*m, *index, task_opt, env.out);
  }
  stacks_opt.json = common.json;
  stacks_opt.at = *when;
  return stacks_command(*m, stacks_opt, env.out);
}

void reexec_with_huge_pages(char** argv) {
  if (std::getenv("GLIBC_TUNABLES")) return;  // the user's choice, or we already did
  std::ifstream thp("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string modes;
  if (!std::getline(thp, modes) || modes.find("[never]") != std::string::npos) return;
  if (::setenv("GLIBC_TUNABLES", "glibc.malloc.hugetlb=1", 0) != 0) return;
  ::execv("/proc/self/exe", argv);
  ::unsetenv("GLIBC_TUNABLES");  // exec failed: carry on as we are
}

}  // namespace coscope::inspect
