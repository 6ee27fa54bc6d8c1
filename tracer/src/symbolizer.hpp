// Resolves runtime addresses of this process to demangled function, file and line, inline
// frames included, with elfutils libdw. Coroutine resume functions (".actor"/".resume" clones)
// are local symbols that dladdr cannot name; the ELF symbol table and DWARF can.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "coscope/symbols/demangle.hpp"
#include "coscope/symbols/source_frames.hpp"

namespace coscope::tracer::detail {

using symbols::demangle;
using symbols::SourceFrame;

class Symbolizer {
 public:
  Symbolizer();
  ~Symbolizer();
  Symbolizer(const Symbolizer&) = delete;
  Symbolizer& operator=(const Symbolizer&) = delete;

  // Innermost inline frame first; empty when unknown. For a return address (a physical frame)
  // the call instruction before it is looked up.
  std::vector<SourceFrame> resolve(std::uint64_t address, bool return_address);
  // The function at a code address, from the symbol table only (no line tables read).
  std::string function_name(std::uint64_t address);
  // Re-reads the process's modules (after dlopen).
  void refresh();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace coscope::tracer::detail
