#include "symbolizer.hpp"

#include <elfutils/libdwfl.h>
#include <link.h>
#include <unistd.h>
#include <cstddef>
#include <optional>

#include "coscope/symbols/scope_index.hpp"
#include "coscope/symbols/symbol_index.hpp"
#include "dl_gate.hpp"

namespace coscope::tracer::detail {
namespace {

// Only what the loaded files hold (the executable's .symtab and DWARF, the libraries'
// symbols): no separate debug files and never debuginfod, whose lookup loads ≈ 20 libraries
// and big debug files on the writer thread while the rings fill up.
int no_separate_debuginfo(Dwfl_Module*, void**, const char*, Dwarf_Addr, const char*, const char*,
                          GElf_Word, char**) {
  return -1;
}

// How many times a module was loaded and unloaded in this process so far: dl_iterate_phdr
// gives both counters with every module. Nothing while the process forks (see dl_gate.hpp).
std::optional<std::pair<unsigned long long, unsigned long long>> module_generation() {
  DlGate gate;
  if (!gate.inside()) return std::nullopt;
  std::pair<unsigned long long, unsigned long long> g{0, 0};
  ::dl_iterate_phdr(
      [](dl_phdr_info* info, size_t size, void* out) {
        auto* g = static_cast<std::pair<unsigned long long, unsigned long long>*>(out);
        if (size >= offsetof(dl_phdr_info, dlpi_subs) + sizeof info->dlpi_subs)
          *g = {info->dlpi_adds, info->dlpi_subs};
        return 1;  // the counters are the same in every entry
      },
      &g);
  return g;
}

}  // namespace

struct Symbolizer::Impl {
  Dwfl* dwfl = nullptr;
  Dwfl_Callbacks callbacks{};
  char* debuginfo_path = nullptr;
  symbols::SymbolIndex names;
  symbols::ScopeIndex scopes;
  std::pair<unsigned long long, unsigned long long> reported{~0ull, ~0ull};

  Impl() {
    callbacks.find_elf = dwfl_linux_proc_find_elf;
    callbacks.find_debuginfo = no_separate_debuginfo;
    callbacks.debuginfo_path = &debuginfo_path;
    dwfl = dwfl_begin(&callbacks);
    report();
  }
  ~Impl() {
    if (dwfl != nullptr) dwfl_end(dwfl);
  }
  // Reading /proc/self/maps again costs as much as the rest of a short run's symbols: done
  // only when a module came or went since the last time.
  void report() {
    if (dwfl == nullptr) return;
    auto generation = module_generation();
    if (!generation || *generation == reported) return;  // a later refresh() reads them
    reported = *generation;
    names.clear();
    scopes.clear();
    dwfl_report_begin(dwfl);
    dwfl_linux_proc_report(dwfl, ::getpid());
    dwfl_report_end(dwfl, nullptr, nullptr);
  }
};

Symbolizer::Symbolizer() : impl_(std::make_unique<Impl>()) {}
Symbolizer::~Symbolizer() = default;

void Symbolizer::refresh() {
  impl_->report();
}

std::string Symbolizer::function_name(std::uint64_t address) {
  if (impl_->dwfl == nullptr || address == 0) return {};
  return demangle(impl_->names.name(dwfl_addrmodule(impl_->dwfl, address), address));
}

std::vector<SourceFrame> Symbolizer::resolve(std::uint64_t address, bool return_address) {
  if (impl_->dwfl == nullptr || address == 0) return {};
  const Dwarf_Addr lookup = return_address ? address - 1 : address;
  return symbols::source_frames(dwfl_addrmodule(impl_->dwfl, lookup), lookup, &impl_->names,
                                &impl_->scopes);
}

}  // namespace coscope::tracer::detail
