#include "symbolizer.hpp"

#include <cstdio>

#include "dwarf_resolver.hpp"

namespace coscope::model::detail {

Symbolizer::Symbolizer(SymbolSource source, std::unordered_map<std::uint64_t, Symbol> from_trace,
                       std::vector<Module> modules)
    : source_(source), cache_(std::move(from_trace)), modules_(std::move(modules)) {
  // A trace with symbols is trusted as is; binaries are only opened when it has none.
  if (!cache_.empty() && source_ == SymbolSource::automatic) source_ = SymbolSource::trace_only;
  for (auto& [address, symbol] : cache_)
    if (symbol.empty()) symbol = module_offset(address);
}

Symbol Symbolizer::module_offset(std::uint64_t address) const {
  if (source_ == SymbolSource::none) return {};
  for (const Module& m : modules_) {
    if (address < m.base || address - m.base >= m.size) continue;
    const std::size_t slash = m.path.rfind('/');
    char offset[32];
    std::snprintf(offset, sizeof offset, "+0x%llx",
                  static_cast<unsigned long long>(address - m.base));
    return {ResolvedFrame{(slash == std::string::npos ? m.path : m.path.substr(slash + 1)) + offset,
                          "", 0}};
  }
  return {};
}

Symbolizer::~Symbolizer() = default;

const Symbol& Symbolizer::resolve(std::uint64_t address) {
  auto it = cache_.find(address);
  if (it != cache_.end()) return it->second;
  Symbol symbol;
  if (source_ == SymbolSource::automatic) {
    if (!dwarf_tried_) {
      dwarf_tried_ = true;
      dwarf_ = DwarfResolver::create(modules_);
    }
    if (dwarf_) symbol = dwarf_->resolve(address);
  }
  if (symbol.empty()) symbol = module_offset(address);
  return cache_.emplace(address, std::move(symbol)).first->second;
}

const Symbol& Symbolizer::resolve(std::uint64_t address, bool return_address) {
  if (!return_address || address == 0) return resolve(address);
  if (source_ == SymbolSource::automatic) return resolve(address - 1);  // binaries only
  const Symbol& exact = resolve(address);
  return exact.empty() ? resolve(address - 1) : exact;
}

}  // namespace coscope::model::detail
