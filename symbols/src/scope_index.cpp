#include "coscope/symbols/scope_index.hpp"

#include <dwarf.h>

#include <algorithm>
#include <memory>
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

bool has_code(Dwarf_Die& die) {
  return dwarf_hasattr(&die, DW_AT_low_pc) || dwarf_hasattr(&die, DW_AT_ranges);
}

// Scopes and their ranges sorted by start, with the highest end of each prefix (so a walk
// down from an address stops where nothing below reaches it).
struct ScopeTable {
  std::vector<Scope> scopes;
  std::vector<Range> ranges;
  std::vector<Dwarf_Addr> reach;

  // False when the entry has no code.
  bool add(Dwarf_Die& die, unsigned depth) {
    if (!has_code(die)) return false;
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

  void sort() {
    std::sort(ranges.begin(), ranges.end(),
              [](const Range& a, const Range& b) { return a.low < b.low; });
    reach.reserve(ranges.size());
    Dwarf_Addr highest = 0;
    for (const Range& r : ranges) reach.push_back(highest = std::max(highest, r.high));
  }

  // Indexes into `scopes` of those holding `address`.
  void holding(Dwarf_Addr address, std::vector<std::uint32_t>& out) const {
    auto it = std::upper_bound(ranges.begin(), ranges.end(), address,
                               [](Dwarf_Addr a, const Range& r) { return a < r.low; });
    for (std::size_t i = static_cast<std::size_t>(it - ranges.begin()); i-- > 0;) {
      if (reach[i] <= address) break;
      if (address < ranges[i].high) out.push_back(ranges[i].scope);
    }
  }
};

// How a walk treats the entries it meets (see UnitScopes).
enum class Walk {
  // A unit's functions with code, wherever they sit: at the top, in namespaces and classes,
  // and nested in other functions, with or without code (a lambda's call operator sits in
  // the function that defines it, or in its abstract instance when that one is inlined).
  // Inlined calls and what is below them are skipped.
  functions,
  // The inlined calls inside one function, nested functions excepted (they are its
  // neighbours in the function table, not part of its code).
  body,
};

// Every entry below `die` (and its siblings) that the walk wants, into `table`: a loop over
// siblings, recursion only into children (the depth of the tree, not its width, bounds the
// stack).
void visit(Dwarf_Die die, unsigned depth, ScopeTable& table, Walk walk) {
  for (;;) {
    bool descend = true;
    const int tag = dwarf_tag(&die);
    if (tag == DW_TAG_inlined_subroutine) {
      // An inlined call without code (an abstract instance) holds none below it either.
      descend = walk == Walk::body && table.add(die, depth);
    } else if (tag == DW_TAG_subprogram) {
      if (walk == Walk::body)
        descend = false;  // a nested function, or a declaration (of a local class's member)
      else if (!table.add(die, depth))  // a declaration holds only its parameters
        descend = !dwarf_hasattr(&die, DW_AT_declaration);
    }
    Dwarf_Die child;
    if (descend && dwarf_haschildren(&die) > 0 && dwarf_child(&die, &child) == 0)
      visit(child, depth + 1, table, walk);
    if (dwarf_siblingof(&die, &die) != 0) return;
  }
}

// A unit's functions, and the inlined calls inside each only once an address falls in it:
// most of a unit's functions never appear in a trace, and the inlined calls (with their
// range lists and everything below them) are half the work of walking an Asio unit.
struct UnitScopes {
  ScopeTable functions;
  std::vector<std::unique_ptr<ScopeTable>> bodies;  // by index into functions.scopes

  explicit UnitScopes(Dwarf_Die* cu) {
    Dwarf_Die child;
    if (dwarf_child(cu, &child) == 0) visit(child, 1, functions, Walk::functions);
    functions.sort();
    bodies.resize(functions.scopes.size());
  }

  const ScopeTable& body(std::uint32_t function) {
    std::unique_ptr<ScopeTable>& b = bodies[function];
    if (!b) {
      b = std::make_unique<ScopeTable>();
      Dwarf_Die die = functions.scopes[function].die;
      Dwarf_Die child;
      if (dwarf_haschildren(&die) > 0 && dwarf_child(&die, &child) == 0)
        visit(child, functions.scopes[function].depth + 1, *b, Walk::body);
      b->sort();
    }
    return *b;
  }

  std::vector<Dwarf_Die> at(Dwarf_Addr address) {
    std::vector<std::uint32_t> outer;
    functions.holding(address, outer);
    std::vector<const Scope*> holding;
    std::vector<std::uint32_t> inner;
    for (std::uint32_t f : outer) {
      holding.push_back(&functions.scopes[f]);
      const ScopeTable& b = body(f);
      inner.clear();
      b.holding(address, inner);
      for (std::uint32_t s : inner) holding.push_back(&b.scopes[s]);
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
