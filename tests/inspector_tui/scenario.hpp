// A small hand-made trace whose every task, event and finding the tests know by name:
//
//   #1 accept_loop (root, io-0)   spawned 1us, suspended on acceptor.async_accept, lost at exit
//   ├─ #2 session (io-0)          blocking call at 10us, a log, done at 40us
//   │  └─ #4 worker (io-1)        slow resume at 25us, suspended on timer.async_wait at exit
//   └─ #3 session (io-1)          throws, lost exception at 20us
//   #5 ticker (root, io-1)        resumes 4 times (durations 1, 2, 4, 8 us), done at 45us
//
// At 48us the tracer reports 7 dropped events. The trace ends at 50us. Times are nanoseconds since
// the trace start.
#pragma once

#include <memory>
#include <string>

#include "coscope/model/model.hpp"

namespace coscope::tui::testing {

// Writes the scenario to a fresh file under the temp directory and returns its path.
std::string write_scenario(const std::string& name);

// The scenario, loaded.
std::unique_ptr<model::Model> load_scenario();

}  // namespace coscope::tui::testing
