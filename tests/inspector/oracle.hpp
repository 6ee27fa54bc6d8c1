// A brute-force replay of raw trace records, written from the format's event semantics
// independently of the model, to check the model's index and seeks against.
#pragma once

#include <map>
#include <vector>

#include "coscope/format/records.hpp"
#include "coscope/inspect/testing/synthetic_trace.hpp"
#include "coscope/model/state.hpp"

namespace coscope::inspect::testing {

struct OracleTask {
  model::Phase phase = model::Phase::not_spawned;
  format::ThreadId thread = 0;  // last thread it ran on, 0 = none
  format::Timestamp since = 0;
  format::StringId operation = 0;  // last await site
  format::LocationId location = 0;
  format::StackId stack = 0;
  bool woken = false;
};

class Oracle {
 public:
  // All event records of the chunks in file order, then stably sorted by time.
  explicit Oracle(const std::vector<Chunk>& chunks);
  const std::vector<format::Record>& events() const { return events_; }
  // Applies events until `count` have been applied (never goes back).
  void advance_to(std::size_t count);
  // Applies every event with time <= t.
  void advance_to_time(format::Timestamp t);
  const std::map<format::TaskId, OracleTask>& tasks() const { return tasks_; }
  std::size_t applied() const { return applied_; }

 private:
  void apply(const format::Record& r);
  std::vector<format::Record> events_;
  std::map<format::TaskId, OracleTask> tasks_;
  std::size_t applied_ = 0;
};

}  // namespace coscope::inspect::testing
