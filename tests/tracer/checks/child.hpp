// Runs the checks program as a child process with extra environment variables, and finds the
// lines of its source that the tests expect in stacks.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace coscope::testing {

using Environment = std::vector<std::pair<std::string, std::string>>;

// Starts `program scenario` with the current environment plus `extra`; returns its pid.
pid_t start_child(const std::string& program, const std::string& scenario,
                  const Environment& extra);
// Waits for the child (at most `limit`, then kills it) and returns its wait status.
int wait_child(pid_t pid, std::chrono::milliseconds limit = std::chrono::seconds(60));

// The 1-based line of `source` whose text ends with "// @marker"; 0 when none.
unsigned marked_line(const std::string& source, const std::string& marker);

}  // namespace coscope::testing
