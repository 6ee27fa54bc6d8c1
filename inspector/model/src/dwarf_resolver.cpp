#include "dwarf_resolver.hpp"

#include <elfutils/libdwfl.h>

#include "coscope/symbols/scope_index.hpp"
#include "coscope/symbols/source_frames.hpp"
#include "coscope/symbols/symbol_index.hpp"

namespace coscope::model::detail {
namespace {

const Dwfl_Callbacks kCallbacks = {
    dwfl_build_id_find_elf,
    dwfl_standard_find_debuginfo,
    dwfl_offline_section_address,
    nullptr,
};

}  // namespace

struct DwarfResolver::Impl {
  Dwfl* dwfl = nullptr;
  symbols::SymbolIndex names;
  symbols::ScopeIndex scopes;
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
  for (symbols::SourceFrame& f : symbols::source_frames(dwfl_addrmodule(impl_->dwfl, address),
                                                        address, &impl_->names, &impl_->scopes))
    symbol.push_back({std::move(f.function), std::move(f.file), f.line});
  return symbol;
}

}  // namespace coscope::model::detail
