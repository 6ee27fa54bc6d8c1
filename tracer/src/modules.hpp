// The loaded objects of the process (executable and shared libraries), so that raw addresses
// can be symbolized later, on another machine, from the binaries the trace names.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace coscope::tracer::detail {

struct Module {
  std::string path;
  std::string build_id;    // raw bytes of the NT_GNU_BUILD_ID note
  std::uint64_t base = 0;  // load bias
  std::uint64_t size = 0;  // end of the highest PT_LOAD segment, from base
};

// Waits while the process forks (see dl_gate.hpp): call it holding none of the tracer's locks.
std::vector<Module> loaded_modules();

}  // namespace coscope::tracer::detail
