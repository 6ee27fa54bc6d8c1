// Turns runtime addresses into source frames: from the trace's SymbolDefs when it has them,
// else from the binaries named by the module map (DWARF via elfutils libdw). Results are
// cached; an address nobody can resolve is named by its module and offset, or yields an empty
// Symbol when no module holds it.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "coscope/format/records.hpp"
#include "coscope/model/model.hpp"
#include "coscope/model/source.hpp"

namespace coscope::model::detail {

class DwarfResolver;

class Symbolizer {
 public:
  struct Module {
    std::string path;
    std::uint64_t base = 0;
    std::uint64_t size = 0;
  };
  // `from_trace` holds the trace's SymbolDefs, already resolved to text.
  Symbolizer(SymbolSource source, std::unordered_map<std::uint64_t, Symbol> from_trace,
             std::vector<Module> modules);
  ~Symbolizer();

  const Symbol& resolve(std::uint64_t address);
  // A frame's address: a return address (every frame but the innermost) points after its
  // call, so the binaries are asked about the byte before it. The trace's SymbolDefs are
  // keyed by the recorded address (the tracer made the same adjustment).
  const Symbol& resolve(std::uint64_t address, bool return_address);

 private:
  // For an address nobody names (a stripped library's local function, such as glibc's
  // __libc_start_call_main): "libc.so.6+0x2724a", the module and the offset addr2line and gdb
  // take. Empty when no module holds it, or when symbols are off.
  Symbol module_offset(std::uint64_t address) const;

  SymbolSource source_;
  std::unordered_map<std::uint64_t, Symbol> cache_;
  std::vector<Module> modules_;
  std::unique_ptr<DwarfResolver> dwarf_;
  bool dwarf_tried_ = false;
};

}  // namespace coscope::model::detail
