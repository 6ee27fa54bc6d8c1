#include "symbolizer.hpp"

#include "dwarf_resolver.hpp"

namespace coscope::model::detail {

Symbolizer::Symbolizer(SymbolSource source, std::unordered_map<std::uint64_t, Symbol> from_trace,
                       std::vector<Module> modules)
    : source_(source), cache_(std::move(from_trace)), modules_(std::move(modules)) {
  // A trace with symbols is trusted as is; binaries are only opened when it has none.
  if (!cache_.empty() && source_ == SymbolSource::automatic) source_ = SymbolSource::trace_only;
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
  return cache_.emplace(address, std::move(symbol)).first->second;
}

const Symbol& Symbolizer::resolve(std::uint64_t address, bool return_address) {
  if (!return_address || address == 0) return resolve(address);
  if (source_ == SymbolSource::automatic) return resolve(address - 1);  // binaries only
  const Symbol& exact = resolve(address);
  return exact.empty() ? resolve(address - 1) : exact;
}

}  // namespace coscope::model::detail
