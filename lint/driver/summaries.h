// Cross-TU summaries for coscope-blocking-call's transitive blocking, on coscope-lint's side:
// phase 1 collects each database file's function summaries (the check writes them in a
// collecting pass) or reuses them from the cache; phase 2 merges them, like a linker, into one
// graph file that the report pass hands to the check (SummaryFile). A cache entry is named by
// a hash of the file's content, its compile command, its check options and the tool's identity,
// and holds the content hashes of every non-system header it was computed from: it is reused
// only while all of them are unchanged.
#pragma once

#include "support/result.h"

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace coscope::lint {

struct SummaryStats {
  std::size_t files = 0;
  std::size_t cached = 0;    // reused from the cache
  std::size_t computed = 0;  // parsed in the collecting pass
  std::size_t failed = 0;    // could not be summarised (parse errors, cached or not): left out
  double seconds = 0;        // wall time of phases 1 and 2
};

struct SummaryPass {
  std::string cacheDir;
  unsigned jobs = 1;
  // What, besides the file's content, the summaries depend on: command line, options.
  std::function<std::string(const std::string& file)> keyText;
  // Runs the collecting pass of one file, writing its summaries to `output`.
  enum class Collected {
    Summaries,    // `output` holds the file's summaries
    ParseErrors,  // clang rejected the file; `output`, if written, holds a partial summary
    Nothing,      // nothing to cache (the file could not be read)
  };
  std::function<Collected(const std::string& file, const std::string& output)> collect;
};

// Returns the path of the merged summaries of `files` (written into the cache directory).
Result<std::string> buildMergedSummaries(const std::vector<std::string>& files,
                                         const SummaryPass& pass, SummaryStats& stats);

}  // namespace coscope::lint
