// A thread seen in the trace.
#pragma once

#include <cstdint>
#include <string_view>

#include "coscope/format/records.hpp"
#include "coscope/model/types.hpp"

namespace coscope::model {

struct ThreadInfo {
  format::ThreadId os_id = 0;  // gettid()
  std::string_view name;       // from ThreadDef; empty when unnamed
  Time busy = 0;               // time spent running tasks
  std::uint64_t resumes = 0;
  std::uint64_t events = 0;
  Time first = 0;  // first event time
  Time last = 0;   // last event time
};

}  // namespace coscope::model
