// The source frames at a code address: the function it is in and, when the compiler inlined
// calls there, each inlined function with the line that called it. Without the inline frames a
// blocking call inside an inlined std::this_thread::sleep_for shows the library header's line
// instead of the user's.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

struct Dwfl_Module;  // elfutils' libdwfl.h: typedef struct Dwfl_Module Dwfl_Module

namespace coscope::symbols {

class ScopeIndex;
class SymbolIndex;

struct SourceFrame {
  std::string function;  // demangled; empty when unknown
  std::string file;      // empty when unknown
  std::uint32_t line = 0;
};

// Innermost inline frame first, the function the address is in last. From the module's DWARF
// when it covers `address` (a runtime address inside `module`), else the ELF symbol table
// alone; empty when neither knows the address. `names` finds the function's ELF symbol and
// `scopes` the DWARF functions and inlined calls at the address: give one of each for all the
// addresses resolved (without them, every call scans the symbol table and walks the unit).
std::vector<SourceFrame> source_frames(Dwfl_Module* module, std::uint64_t address,
                                       SymbolIndex* names = nullptr, ScopeIndex* scopes = nullptr);

}  // namespace coscope::symbols
