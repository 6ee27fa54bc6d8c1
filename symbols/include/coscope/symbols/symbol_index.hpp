// The ELF symbol naming a code address, found by binary search. elfutils' own lookup
// (dwfl_module_addrname) scans a module's whole symbol table on every call: a few thousand
// symbols for a small program, hundreds of thousands for a big one, per address resolved.
// The index reads each module's table once, when an address first falls in it.
#pragma once

#include <cstdint>
#include <memory>

struct Dwfl_Module;  // elfutils' libdwfl.h

namespace coscope::symbols {

class SymbolIndex {
 public:
  SymbolIndex();
  ~SymbolIndex();
  SymbolIndex(const SymbolIndex&) = delete;
  SymbolIndex& operator=(const SymbolIndex&) = delete;

  // The mangled name of the symbol whose extent holds `address` (a runtime address inside
  // `module`), chosen as dwfl_module_addrname chooses: a global symbol before a local one,
  // then the nearest below. Falls back to dwfl_module_addrname itself when no sized symbol
  // holds the address (assembly labels). nullptr when nothing names it. The name lives as
  // long as the module.
  const char* name(Dwfl_Module* module, std::uint64_t address);

  // Forgets every module: call it when the Dwfl's module list changes (a module may be freed
  // and another one allocated at its address).
  void clear();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace coscope::symbols
