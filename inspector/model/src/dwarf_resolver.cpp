#include "dwarf_resolver.hpp"

#include <dwarf.h>
#include <elfutils/libdw.h>
#include <elfutils/libdwfl.h>

#include <cstdlib>

namespace coscope::model::detail {
namespace {

const Dwfl_Callbacks kCallbacks = {
    dwfl_build_id_find_elf,
    dwfl_standard_find_debuginfo,
    dwfl_offline_section_address,
    nullptr,
};

// The name of a subprogram or inlined subroutine DIE, following its abstract origin.
std::string die_function(Dwarf_Die* die) {
  Dwarf_Attribute attr;
  for (int name : {DW_AT_linkage_name, DW_AT_MIPS_linkage_name, DW_AT_name}) {
    if (dwarf_attr_integrate(die, name, &attr)) {
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
  return name ? name : "";
}

}  // namespace

struct DwarfResolver::Impl {
  Dwfl* dwfl = nullptr;
  ~Impl() {
    if (dwfl) dwfl_end(dwfl);
  }
};

DwarfResolver::DwarfResolver(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
DwarfResolver::~DwarfResolver() = default;

std::unique_ptr<DwarfResolver> DwarfResolver::create(
    const std::vector<Symbolizer::Module>& modules) {
  auto impl = std::make_unique<Impl>();
  impl->dwfl = dwfl_begin(&kCallbacks);
  if (!impl->dwfl) return nullptr;
  dwfl_report_begin(impl->dwfl);
  int reported = 0;
  for (const Symbolizer::Module& m : modules) {
    if (m.path.empty() || m.path[0] != '/') continue;  // [vdso] and friends have no file
    // The base is the load bias; add_p_vaddr=false makes libdwfl use it as the bias.
    if (dwfl_report_elf(impl->dwfl, m.path.c_str(), m.path.c_str(), -1, m.base, false)) ++reported;
  }
  dwfl_report_end(impl->dwfl, nullptr, nullptr);
  if (reported == 0) return nullptr;
  return std::unique_ptr<DwarfResolver>(new DwarfResolver(std::move(impl)));
}

Symbol DwarfResolver::resolve(std::uint64_t address) {
  Symbol symbol;
  Dwfl_Module* module = dwfl_addrmodule(impl_->dwfl, address);
  if (!module) return symbol;

  ResolvedFrame innermost;
  if (Dwfl_Line* line = dwfl_module_getsrc(module, address)) {
    int lineno = 0;
    const char* file = dwfl_lineinfo(line, nullptr, &lineno, nullptr, nullptr, nullptr);
    innermost.file = file ? file : "";
    innermost.line = static_cast<std::uint32_t>(lineno);
  }

  // Inline chain: the scopes at the address, innermost first; each inlined subroutine is a
  // frame whose caller position is its DW_AT_call_file/line.
  Dwarf_Addr bias = 0;
  Dwarf_Die* cu = dwfl_module_addrdie(module, address, &bias);
  Dwarf_Die* scopes = nullptr;
  int n = cu ? dwarf_getscopes(cu, address - bias, &scopes) : 0;
  ResolvedFrame current = innermost;
  for (int i = 0; i < n; ++i) {
    Dwarf_Die* scope = &scopes[i];
    const int tag = dwarf_tag(scope);
    if (tag != DW_TAG_inlined_subroutine && tag != DW_TAG_subprogram) continue;
    current.function = die_function(scope);
    symbol.push_back(current);
    if (tag == DW_TAG_subprogram) break;
    // The caller's frame is where this inline was expanded.
    ResolvedFrame caller;
    Dwarf_Attribute attr;
    Dwarf_Word value = 0;
    if (dwarf_attr(scope, DW_AT_call_file, &attr) && dwarf_formudata(&attr, &value) == 0)
      caller.file = call_file(cu, value);
    if (dwarf_attr(scope, DW_AT_call_line, &attr) && dwarf_formudata(&attr, &value) == 0)
      caller.line = static_cast<std::uint32_t>(value);
    current = caller;
  }
  std::free(scopes);

  if (symbol.empty()) {
    // No DWARF scope: fall back to the ELF symbol table.
    if (const char* name = dwfl_module_addrname(module, address))
      innermost.function = demangle(name);
    if (!innermost.function.empty() || !innermost.file.empty()) symbol.push_back(innermost);
  }
  return symbol;
}

}  // namespace coscope::model::detail
