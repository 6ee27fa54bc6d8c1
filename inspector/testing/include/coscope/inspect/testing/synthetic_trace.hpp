// Synthetic traces for tests and benchmarks: a seeded simulation of tasks on threads that
// follows the trace format's event semantics (spawn, resume, suspend, resume end, wake,
// complete, findings, logs), flushed in per-thread chunks that interleave in the file the
// way a real tracer's buffers do. Not used by coscope-inspect itself.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "coscope/format/header.hpp"
#include "coscope/format/records.hpp"
#include "coscope/format/result.hpp"

namespace coscope::inspect::testing {

struct SyntheticOptions {
  std::uint64_t seed = 1;
  std::uint64_t events = 10'000;  // approximate number of event records
  std::uint32_t threads = 4;
  std::uint32_t max_live_tasks = 64;
  std::uint32_t chunk_events = 256;  // chunks hold 1..chunk_events records
  bool findings = true;              // blocking calls, slow resumes, exceptions, lost tasks, logs
  bool symbols = true;               // SymbolDefs for every stack address
  // Probability that an event shares the previous event's timestamp (ties must keep file
  // order).
  double same_time = 0.05;
};

// One chunk as written: the thread and its records in order.
struct Chunk {
  format::ThreadId thread = 0;
  std::vector<format::Record> records;
};

format::FileHeader synthetic_header();

// Runs the simulation, handing over chunks in file order (definitions first).
void generate(const SyntheticOptions& options, const std::function<void(Chunk&)>& sink);

// Writes a synthetic trace to `path`; returns the number of event records written.
format::Result<std::uint64_t> write_synthetic(const std::string& path,
                                              const SyntheticOptions& options);

// Writes the given chunks after `header` (for hand-made fixtures).
format::Status write_chunks(const std::string& path, const format::FileHeader& header,
                            const std::vector<Chunk>& chunks);

}  // namespace coscope::inspect::testing
