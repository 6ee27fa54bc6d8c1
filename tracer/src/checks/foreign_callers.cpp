#include "foreign_callers.hpp"

#include <libunwind.h>
#include <link.h>

#include <algorithm>
#include <cstdint>
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#include <sanitizer/common_interface_defs.h>
#endif

namespace coscope::checks {
namespace {

struct CodeRange {
  std::uintptr_t begin = 0;
  std::uintptr_t end = 0;
  bool contains(std::uintptr_t a) const noexcept { return a >= begin && a < end; }
};

// Written once before main, read only after.
CodeRange g_libunwind;
CodeRange g_sanitizer;

// The span of the executable segments of the shared library holding `address`; empty when the
// code is linked into the program itself (a static libunwind, clang's static sanitizer
// runtime), which cannot be told apart from the program's own calls.
CodeRange library_of(const void* address) noexcept {
  struct Search {
    std::uintptr_t address;
    CodeRange range;
  } search{reinterpret_cast<std::uintptr_t>(address), {}};
  dl_iterate_phdr(
      [](dl_phdr_info* info, std::size_t, void* data) -> int {
        auto* s = static_cast<Search*>(data);
        CodeRange code{UINTPTR_MAX, 0};
        bool holds = false;
        for (int i = 0; i < info->dlpi_phnum; ++i) {
          const ElfW(Phdr)& ph = info->dlpi_phdr[i];
          if (ph.p_type != PT_LOAD) continue;
          const std::uintptr_t begin = info->dlpi_addr + ph.p_vaddr;
          const std::uintptr_t end = begin + ph.p_memsz;
          holds = holds || (s->address >= begin && s->address < end);
          if ((ph.p_flags & PF_X) != 0) {
            code.begin = std::min(code.begin, begin);
            code.end = std::max(code.end, end);
          }
        }
        if (!holds) return 0;
        const bool program = info->dlpi_name == nullptr || info->dlpi_name[0] == '\0';
        if (!program && code.begin < code.end) s->range = code;
        return 1;
      },
      &search);
  return search.range;
}

}  // namespace

void find_foreign_callers() noexcept {
  g_libunwind = library_of(reinterpret_cast<const void*>(&unw_backtrace));
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  g_sanitizer = library_of(reinterpret_cast<const void*>(&__sanitizer_print_stack_trace));
#endif
}

bool called_by_tracer_dependency(const void* caller) noexcept {
  const auto a = reinterpret_cast<std::uintptr_t>(caller);
  return g_libunwind.contains(a) || g_sanitizer.contains(a);
}

}  // namespace coscope::checks
