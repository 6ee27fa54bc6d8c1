#include "coscope/symbols/scope_index.hpp"

#include <dwarf.h>

#include <algorithm>
#include <unordered_map>

namespace coscope::symbols {
namespace {

// One function or inlined call of a unit, and its depth in the unit's tree of entries.
struct Scope {
  Dwarf_Die die;
  unsigned depth;
};

// Each address range of a scope; ranges of nested scopes nest.
struct Range {
  Dwarf_Addr low;
  Dwarf_Addr high;
  std::uint32_t scope;
};

bool is_code_scope(int tag) {
  return tag == DW_TAG_subprogram || tag == DW_TAG_inlined_subroutine;
}

// The ranges of a unit's functions and inlined calls, sorted by start, with the highest end
// of each prefix (so a walk down from an address stops where nothing below reaches it).
struct UnitScopes {
  std::vector<Scope> scopes;
  std::vector<Range> ranges;
  std::vector<Dwarf_Addr> reach;

  explicit UnitScopes(Dwarf_Die* cu) {
    Dwarf_Die child;
    if (dwarf_child(cu, &child) == 0) visit(child, 1);
    std::sort(ranges.begin(), ranges.end(),
              [](const Range& a, const Range& b) { return a.low < b.low; });
    reach.reserve(ranges.size());
    Dwarf_Addr highest = 0;
    for (const Range& r : ranges) reach.push_back(highest = std::max(highest, r.high));
  }

  // Every entry of the unit that can hold code, once (a loop over siblings, recursion only
  // into children: the depth of the tree, not its width, bounds the stack). A function or
  // inlined call without code (a declaration, an abstract instance) holds none below it
  // either: its parameters and blocks are skipped (a quarter less work on an Asio unit).
  void visit(Dwarf_Die die, unsigned depth) {
    for (;;) {
      bool descend = true;
      if (is_code_scope(dwarf_tag(&die))) descend = add(die, depth);
      Dwarf_Die child;
      if (descend && dwarf_haschildren(&die) > 0 && dwarf_child(&die, &child) == 0)
        visit(child, depth + 1);
      if (dwarf_siblingof(&die, &die) != 0) return;
    }
  }

  // False when the entry has no code.
  bool add(Dwarf_Die& die, unsigned depth) {
    if (!dwarf_hasattr(&die, DW_AT_low_pc) && !dwarf_hasattr(&die, DW_AT_ranges)) return false;
    const auto index = static_cast<std::uint32_t>(scopes.size());
    bool any = false;
    Dwarf_Addr base = 0, low = 0, high = 0;
    for (ptrdiff_t at = 0; (at = dwarf_ranges(&die, at, &base, &low, &high)) > 0;) {
      if (high <= low) continue;
      ranges.push_back({low, high, index});
      any = true;
    }
    if (any) scopes.push_back({die, depth});
    return true;
  }

  std::vector<Dwarf_Die> at(Dwarf_Addr address) const {
    auto it = std::upper_bound(ranges.begin(), ranges.end(), address,
                               [](Dwarf_Addr a, const Range& r) { return a < r.low; });
    std::vector<const Scope*> holding;
    for (std::size_t i = static_cast<std::size_t>(it - ranges.begin()); i-- > 0;) {
      if (reach[i] <= address) break;
      if (address < ranges[i].high) holding.push_back(&scopes[ranges[i].scope]);
    }
    std::sort(holding.begin(), holding.end(),
              [](const Scope* a, const Scope* b) { return a->depth > b->depth; });
    std::vector<Dwarf_Die> out;
    out.reserve(holding.size());
    for (const Scope* s : holding) out.push_back(s->die);
    return out;
  }
};

}  // namespace

struct ScopeIndex::Impl {
  std::unordered_map<const void*, UnitScopes> units;  // by the unit entry's address
};

ScopeIndex::ScopeIndex() : impl_(std::make_unique<Impl>()) {}
ScopeIndex::~ScopeIndex() = default;

void ScopeIndex::clear() {
  impl_->units.clear();
}

std::vector<Dwarf_Die> ScopeIndex::scopes(Dwarf_Die* cu, Dwarf_Addr address) {
  if (cu == nullptr) return {};
  auto it = impl_->units.find(cu->addr);
  if (it == impl_->units.end()) it = impl_->units.try_emplace(cu->addr, cu).first;
  return it->second.at(address);
}

}  // namespace coscope::symbols
