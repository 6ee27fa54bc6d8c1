// Source positions and symbolized frames, as the model hands them out.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "coscope/format/records.hpp"
#include "coscope/model/types.hpp"

namespace coscope::model {

// A LocationDef resolved to text. Empty file means "unknown".
struct SourceLocation {
  std::string_view file;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  std::string_view function;
  bool known() const { return !file.empty() || !function.empty(); }
};

// One source-level frame of an address, from the trace's SymbolDefs or from DWARF.
struct ResolvedFrame {
  std::string function;  // demangled; empty when unknown
  std::string file;      // empty when unknown
  std::uint32_t line = 0;
};

// What an address means: innermost inline frame first; empty when it cannot be resolved.
using Symbol = std::vector<ResolvedFrame>;

// A place where a task awaited: what, where, and the async stack captured there.
struct AwaitSite {
  std::string_view operation;  // e.g. "socket.async_receive"; empty when unknown
  format::LocationId location = 0;
  format::StackId stack = 0;
};

}  // namespace coscope::model
