// Per-function summaries for transitive blocking (coscope-blocking-call's TransitiveDepth):
// for every function defined outside system headers, whether it blocks directly (which catalog
// entry, where) and which functions it calls (by USR, where). One translation unit's summaries
// are collected by the check; coscope-lint writes them per file, merges the files of the whole
// compilation database like a linker (by USR) and hands the merged graph back to the check.
// Plain data: no clang headers, shared by the check and the driver.
#pragma once

#include "support/result.h"

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace coscope::lint {

struct SiteRef {
  std::string file;  // absolute path
  unsigned line = 0;
  unsigned column = 0;
};

struct CallEdge {
  std::string usr;   // the callee
  std::string name;  // the callee as the diagnostic names it
  SiteRef at;        // the call
};

struct BlockingSite {
  std::string what;    // "call to 'std::this_thread::sleep_for'", "construction of 'T'"
  std::string family;  // the family title, "sleeps"
  std::string advice;  // the family advice
  SiteRef at;
};

struct FunctionSummary {
  std::string usr;
  std::string name;
  bool coroutine = false;  // not followed: its blocking calls are reported where they are
  std::optional<BlockingSite> blocking;  // the first direct blocking call, if any
  std::vector<CallEdge> calls;           // calls to functions outside system headers
};

// A file the summaries depend on (the main file and its non-system headers) and its content
// hash: a cached summary file is reused only while every one of them is unchanged.
struct Dependency {
  std::string file;
  std::uint64_t hash = 0;
};

struct SummaryFile {
  std::string key;  // what the cache entry was computed from (content, command, options, tool)
  // The file has clang errors: it has no functions and stays out of the graph. The entry is
  // still cached, so that a broken file is not parsed again on every run until it changes.
  bool parseFailed = false;
  std::vector<Dependency> dependencies;
  std::vector<FunctionSummary> functions;
};

std::string summariesToJson(const SummaryFile& file);
Result<SummaryFile> summariesFromJson(std::string_view text);

using SummaryLookup = std::function<const FunctionSummary*(const std::string& usr)>;

// The shortest chain from `start` to a function that blocks directly, at most `depth`
// functions long (start included), not through coroutines; empty when there is none.
// Cycles end. Each element is a function; the last one blocks.
std::vector<const FunctionSummary*> shortestBlockingChain(const std::string& start, unsigned depth,
                                                          const SummaryLookup& lookup);

// The merged graph of many files: the first definition of a USR wins (an inline function of a
// header is summarised identically by every file that includes it).
class SummaryGraph {
 public:
  void add(std::vector<FunctionSummary> functions);
  const FunctionSummary* find(const std::string& usr) const;
  std::size_t size() const { return functions_.size(); }
  std::vector<FunctionSummary> all() const;

 private:
  std::unordered_map<std::string, FunctionSummary> functions_;
};

}  // namespace coscope::lint
