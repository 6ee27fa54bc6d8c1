// Symbolization from the binaries themselves (elfutils libdwfl): each module of the trace's
// module map is reported at its load bias, so runtime addresses map to the file's DWARF.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "symbolizer.hpp"

namespace coscope::model::detail {

class DwarfResolver {
 public:
  // Null when no module can be opened (binaries moved, stripped, or none recorded).
  static std::unique_ptr<DwarfResolver> create(const std::vector<Symbolizer::Module>& modules);
  ~DwarfResolver();
  DwarfResolver(const DwarfResolver&) = delete;
  DwarfResolver& operator=(const DwarfResolver&) = delete;

  // Innermost inline frame first; empty when the address is in no module.
  Symbol resolve(std::uint64_t address);

 private:
  struct Impl;
  explicit DwarfResolver(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace coscope::model::detail
