#include "symbolizer.hpp"

#include <elfutils/libdwfl.h>
#include <unistd.h>

namespace coscope::tracer::detail {
namespace {

// Only what the loaded files hold (the executable's .symtab and DWARF, the libraries'
// symbols): no separate debug files and never debuginfod, whose lookup loads ≈ 20 libraries
// and big debug files on the writer thread while the rings fill up.
int no_separate_debuginfo(Dwfl_Module*, void**, const char*, Dwarf_Addr, const char*, const char*,
                          GElf_Word, char**) {
  return -1;
}

}  // namespace

struct Symbolizer::Impl {
  Dwfl* dwfl = nullptr;
  Dwfl_Callbacks callbacks{};
  char* debuginfo_path = nullptr;

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
  void report() {
    if (dwfl == nullptr) return;
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
  Dwfl_Module* module = dwfl_addrmodule(impl_->dwfl, address);
  return module == nullptr ? std::string() : demangle(dwfl_module_addrname(module, address));
}

std::vector<SourceFrame> Symbolizer::resolve(std::uint64_t address, bool return_address) {
  if (impl_->dwfl == nullptr || address == 0) return {};
  const Dwarf_Addr lookup = return_address ? address - 1 : address;
  return symbols::source_frames(dwfl_addrmodule(impl_->dwfl, lookup), lookup);
}

}  // namespace coscope::tracer::detail
