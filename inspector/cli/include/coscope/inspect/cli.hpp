// coscope-inspect's command line: parses arguments and runs a subcommand. main() only calls
// run(); tests call it with string streams.
#pragma once

#include <functional>
#include <iosfwd>
#include <string>

namespace coscope::inspect {

enum ExitCode : int {
  kExitOk = 0,
  kExitFindings = 1,    // `check` found findings it was asked to fail on
  kExitUsage = 2,       // bad arguments
  kExitUnreadable = 3,  // the trace cannot be read at all
};

// Opens the interactive UI on a trace and returns the exit code. Provided by inspector/tui
// when it is built; `coscope-inspect TRACE` (no subcommand) calls it when stdout is a
// terminal, and prints the summary otherwise.
using TuiLauncher = std::function<int(const std::string& trace_path)>;

struct Environment {
  std::ostream& out;
  std::ostream& err;
  bool stdout_is_terminal = false;
  TuiLauncher tui;  // empty when the UI is not built
};

int run(int argc, const char* const* argv, Environment& env);

// Re-executes the program (same arguments) with glibc's malloc asking for transparent huge
// pages (GLIBC_TUNABLES=glibc.malloc.hugetlb=1), unless GLIBC_TUNABLES is already set or the
// kernel has them disabled. Loading a large trace touches hundreds of MB of fresh memory: with
// 4 KB pages about a third of the load's CPU time went to page faults (10M events: 71k
// faults, 2.8 CPU s; with huge pages 6k faults, 1.9 CPU s). Returns when it did not
// re-execute (nothing to do, or exec failed). Call first thing in main().
void reexec_with_huge_pages(char** argv);

}  // namespace coscope::inspect
