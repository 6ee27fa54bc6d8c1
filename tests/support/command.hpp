// Running a real binary from an end-to-end test: a shell command, its exit code and stdout.
#pragma once

#include <string>

namespace coscope::testing {

struct CommandOutput {
  int code = -1;  // the exit code; -1 when it could not run or died of a signal
  std::string out;
};

// Runs `command` with /bin/sh; stdout is captured, stderr goes to the test log.
CommandOutput run_command(const std::string& command);

}  // namespace coscope::testing
