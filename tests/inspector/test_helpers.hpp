// Shared by the inspector tests: temporary paths and loading generated traces.
#pragma once

#include <string>
#include <vector>

#include "coscope/inspect/testing/synthetic_trace.hpp"
#include "coscope/model/model.hpp"

namespace coscope::inspect::testing {

// A fresh path in a per-process temporary directory.
std::string temp_path(const std::string& name);
std::string read_text(const std::string& path);

// Generates a synthetic trace, keeps its chunks (for oracles) and writes it to `path`.
std::vector<Chunk> generate_to(const std::string& path, const SyntheticOptions& options);

// Loads a trace and fails the test (throws) when it cannot.
model::Model load_or_die(const std::string& path, const model::LoadOptions& options = {});

}  // namespace coscope::inspect::testing
