// Runs a program as a child process with extra environment, and talks to it over loopback:
// what the end-to-end tracer tests need to trace unmodified programs.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace coscope::testing {

// Starts `argv` with `env` ("NAME=value") added to this process's environment.
pid_t spawn_process(const std::vector<std::string>& argv, const std::vector<std::string>& env);
// Sends SIGTERM (if `terminate`) and waits; returns the exit status, -1 on a signal death.
int finish_process(pid_t pid, bool terminate);

// Connects to 127.0.0.1:port, retrying for up to ten seconds while the server starts.
int connect_loopback(unsigned short port);
// Sends `text` and reads back exactly as many bytes; returns what came back.
std::string round_trip(int fd, const std::string& text);

}  // namespace coscope::testing
