// The coscope-lint command line: parses arguments, runs the checks, writes the report and
// returns the exit code. main() only calls this, so tests drive the same code in-process.
#pragma once

#include <string>

namespace coscope::lint {

enum ExitCode : int {
  kClean = 0,         // no findings (after the baseline)
  kFindings = 1,      // at least one finding
  kUsageError = 2,    // bad arguments, configuration, baseline or compilation database
  kParseFailure = 3,  // at least one file could not be parsed; the others were still checked
};

int runCli(int argc, const char* const* argv);

}  // namespace coscope::lint
