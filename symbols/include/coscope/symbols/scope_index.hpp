// The functions and inlined calls whose code holds an address, from a compile unit's DWARF,
// found by binary search. libdw's dwarf_getscopes walks the whole unit for every address: with
// Asio's headers a unit has hundreds of thousands of entries, and symbolizing a traced echo
// server built with -g took ≈ 230 ms of its writer's time. The index walks each unit once,
// when an address first falls in it.
#pragma once

#include <elfutils/libdw.h>

#include <cstdint>
#include <memory>
#include <vector>

namespace coscope::symbols {

class ScopeIndex {
 public:
  ScopeIndex();
  ~ScopeIndex();
  ScopeIndex(const ScopeIndex&) = delete;
  ScopeIndex& operator=(const ScopeIndex&) = delete;

  // The DW_TAG_inlined_subroutine and DW_TAG_subprogram entries of `cu` whose ranges hold
  // `address` (the unit's own address, without the module's bias), innermost first: the
  // entries of those tags dwarf_getscopes() gives, in its order.
  std::vector<Dwarf_Die> scopes(Dwarf_Die* cu, Dwarf_Addr address);

  // Forgets every unit: call it when the modules they belong to may have been unloaded.
  void clear();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace coscope::symbols
