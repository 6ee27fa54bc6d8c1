#include "coscope/symbols/source_frames.hpp"

#include <dwarf.h>
#include <elfutils/libdw.h>
#include <elfutils/libdwfl.h>

#include <cstdlib>

#include "coscope/symbols/demangle.hpp"
#include "coscope/symbols/scope_index.hpp"
#include "coscope/symbols/symbol_index.hpp"

namespace coscope::symbols {
namespace {

// The name of a subprogram or inlined subroutine DIE, following its abstract origin (an
// inlined instance names its function only there).
std::string die_function(Dwarf_Die* die) {
  Dwarf_Attribute attr;
  for (int name : {DW_AT_linkage_name, DW_AT_MIPS_linkage_name, DW_AT_name}) {
    if (dwarf_attr_integrate(die, name, &attr) != nullptr) {
      if (const char* s = dwarf_formstring(&attr)) return demangle(s);
    }
  }
  return {};
}

// The file name the CU's line table gives for a DW_AT_call_file index.
std::string call_file(Dwarf_Die* cu, Dwarf_Word index) {
  Dwarf_Files* files = nullptr;
  size_t count = 0;
  if (dwarf_getsrcfiles(cu, &files, &count) != 0 || index >= count) return {};
  const char* name = dwarf_filesrc(files, index, nullptr, nullptr);
  return name != nullptr ? name : "";
}

// Where the scope's inlined call was made: the caller's file and line.
SourceFrame call_site(Dwarf_Die* cu, Dwarf_Die* inlined) {
  SourceFrame caller;
  Dwarf_Attribute attr;
  Dwarf_Word value = 0;
  if (dwarf_attr(inlined, DW_AT_call_file, &attr) != nullptr && dwarf_formudata(&attr, &value) == 0)
    caller.file = call_file(cu, value);
  if (dwarf_attr(inlined, DW_AT_call_line, &attr) != nullptr && dwarf_formudata(&attr, &value) == 0)
    caller.line = static_cast<std::uint32_t>(value);
  return caller;
}

}  // namespace

std::vector<SourceFrame> source_frames(Dwfl_Module* module, std::uint64_t address,
                                       SymbolIndex* names, ScopeIndex* scopes) {
  std::vector<SourceFrame> frames;
  if (module == nullptr) return frames;

  SourceFrame innermost;
  if (Dwfl_Line* line = dwfl_module_getsrc(module, address); line != nullptr) {
    int lineno = 0;
    const char* file = dwfl_lineinfo(line, nullptr, &lineno, nullptr, nullptr, nullptr);
    if (file != nullptr) innermost.file = file;
    innermost.line = static_cast<std::uint32_t>(lineno);
  }

  // The scopes at the address, innermost first: each inlined subroutine is a frame whose
  // position in its caller is the subroutine's DW_AT_call_file/line; the subprogram ends it.
  Dwarf_Addr bias = 0;
  Dwarf_Die* cu = dwfl_module_addrdie(module, address, &bias);
  std::vector<Dwarf_Die> indexed;
  Dwarf_Die* found = nullptr;
  int n = 0;
  if (cu != nullptr && scopes != nullptr) {
    indexed = scopes->scopes(cu, address - bias);
    found = indexed.data();
    n = static_cast<int>(indexed.size());
  } else if (cu != nullptr) {
    n = dwarf_getscopes(cu, address - bias, &found);
  }
  SourceFrame current = innermost;
  bool reached_function = false;
  for (int i = 0; i < n && !reached_function; ++i) {
    Dwarf_Die* scope = &found[i];
    const int tag = dwarf_tag(scope);
    if (tag != DW_TAG_inlined_subroutine && tag != DW_TAG_subprogram) continue;
    current.function = die_function(scope);
    frames.push_back(current);
    reached_function = tag == DW_TAG_subprogram;
    if (!reached_function) current = call_site(cu, scope);
  }
  if (scopes == nullptr) std::free(found);

  // The function the address is in is named by its ELF symbol, local ones included: DWARF
  // often gives a clone (a coroutine's ".actor", a ".constprop") only its unqualified
  // DW_AT_name ("initiate", "operator()"), and sometimes no DIE among the scopes at all.
  std::string symbol = demangle(names != nullptr ? names->name(module, address)
                                                 : dwfl_module_addrname(module, address));
  if (!reached_function) {
    if (symbol.empty() && current.file.empty()) return frames;
    frames.push_back(std::move(current));
  }
  if (!symbol.empty()) frames.back().function = std::move(symbol);
  return frames;
}

}  // namespace coscope::symbols
