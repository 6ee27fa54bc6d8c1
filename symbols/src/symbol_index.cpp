#include "coscope/symbols/symbol_index.hpp"

#include <elfutils/libdwfl.h>

#include <algorithm>
#include <unordered_map>
#include <vector>

namespace coscope::symbols {
namespace {

struct Symbol {
  std::uint64_t start;
  std::uint64_t end;
  const char* name;
  std::uint32_t index;  // in the table: the earlier of two equal candidates wins
  std::uint8_t rank;    // higher wins at the same start: global 3, weak 2, local 1
};

// elfutils ranks bindings this way; a local symbol is taken only when no global one holds
// the address.
std::uint8_t rank_of(unsigned binding) {
  switch (binding) {
    case STB_GLOBAL:
    case STB_GNU_UNIQUE:
      return 3;
    case STB_WEAK:
      return 2;
    default:
      return 1;
  }
}

// The sized symbols a name can come from, ordered by start then table order, with the
// highest end of each prefix: walking down from an address stops at the first symbol below
// which nothing reaches it. Sizeless symbols (assembly labels) only by their start: libdwfl
// names an address by one only when no sized symbol holds it and none ends between them.
struct ModuleSymbols {
  std::vector<Symbol> symbols;
  std::vector<std::uint64_t> reach;     // reach[i]: the highest end among symbols[0..i]
  std::vector<std::uint64_t> sizeless;  // their starts, sorted

  explicit ModuleSymbols(Dwfl_Module* module) {
    const int count = dwfl_module_getsymtab(module);
    if (count <= 0) return;
    symbols.reserve(static_cast<std::size_t>(count));
    for (int i = 1; i < count; ++i) {
      GElf_Sym sym;
      GElf_Addr address = 0;
      GElf_Word section = 0;
      const char* name =
          dwfl_module_getsym_info(module, i, &sym, &address, &section, nullptr, nullptr);
      if (name == nullptr || name[0] == '\0' || sym.st_shndx == SHN_UNDEF) continue;
      const unsigned type = GELF_ST_TYPE(sym.st_info);
      if (type == STT_SECTION || type == STT_FILE || type == STT_TLS) continue;
      if (sym.st_size == 0)
        sizeless.push_back(address);
      else
        symbols.push_back({address, address + sym.st_size, name, static_cast<std::uint32_t>(i),
                           rank_of(GELF_ST_BIND(sym.st_info))});
    }
    std::sort(symbols.begin(), symbols.end(), [](const Symbol& a, const Symbol& b) {
      return a.start != b.start ? a.start < b.start : a.index < b.index;
    });
    std::sort(sizeless.begin(), sizeless.end());
    reach.reserve(symbols.size());
    std::uint64_t highest = 0;
    for (const Symbol& s : symbols) reach.push_back(highest = std::max(highest, s.end));
  }

  // Whether `s` names an address better than `than` does (both hold it): a global binding
  // first, then the nearest start, then the stronger binding.
  static bool better(const Symbol& s, const Symbol& than) {
    const bool global = s.rank > 1, than_global = than.rank > 1;
    if (global != than_global) return global;
    if (s.start != than.start) return s.start > than.start;
    return s.rank >= than.rank;  // equal: the earlier table entry, which is visited later
  }

  // The best sized symbol holding `address`, nullptr when none does; `label_possible` tells
  // whether a sizeless symbol could name it then.
  const Symbol* find(std::uint64_t address, bool& label_possible) const {
    auto it = std::upper_bound(symbols.begin(), symbols.end(), address,
                               [](std::uint64_t a, const Symbol& s) { return a < s.start; });
    const std::size_t below = static_cast<std::size_t>(it - symbols.begin());
    const Symbol* best = nullptr;
    for (std::size_t i = below; i-- > 0;) {
      if (reach[i] <= address) break;
      const Symbol& s = symbols[i];
      if (address < s.end && (best == nullptr || better(s, *best))) best = &s;
    }
    label_possible = false;
    if (best == nullptr) {
      auto label = std::upper_bound(sizeless.begin(), sizeless.end(), address);
      label_possible = label != sizeless.begin() && (below == 0 || *--label >= reach[below - 1]);
    }
    return best;
  }
};

}  // namespace

struct SymbolIndex::Impl {
  std::unordered_map<Dwfl_Module*, ModuleSymbols> modules;
};

SymbolIndex::SymbolIndex() : impl_(std::make_unique<Impl>()) {}
SymbolIndex::~SymbolIndex() = default;

void SymbolIndex::clear() {
  impl_->modules.clear();
}

const char* SymbolIndex::name(Dwfl_Module* module, std::uint64_t address) {
  if (module == nullptr) return nullptr;
  auto it = impl_->modules.find(module);
  if (it == impl_->modules.end()) it = impl_->modules.try_emplace(module, module).first;
  bool label_possible = false;
  if (const Symbol* s = it->second.find(address, label_possible)) return s->name;
  // Rare, and a scan of the whole table: the label's section must be the address's.
  return label_possible ? dwfl_module_addrname(module, address) : nullptr;
}

}  // namespace coscope::symbols
