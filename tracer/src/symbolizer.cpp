#include "symbolizer.hpp"

#include <cxxabi.h>
#include <elfutils/libdwfl.h>
#include <unistd.h>

#include <cstdlib>

namespace coscope::tracer::detail {

namespace {

// A coroutine's resume function demangles as "f(f()::_Z...Frame*) [clone .actor]": its only
// parameter is the compiler's frame type. Shown as "f() [clone .actor]".
std::string tidy_coroutine(std::string name) {
  std::size_t clone = name.rfind(" [clone .");
  if (clone == std::string::npos || clone < 8 || name.compare(clone - 8, 8, ".Frame*)") != 0)
    return name;
  int depth = 0;
  for (std::size_t i = clone; i-- > 0;) {
    if (name[i] == ')') ++depth;
    if (name[i] == '(' && --depth == 0) {
      name.erase(i + 1, clone - 1 - (i + 1));
      break;
    }
  }
  return name;
}

}  // namespace

std::string demangle(const char* symbol) {
  if (symbol == nullptr) return {};
  int status = 0;
  char* out = abi::__cxa_demangle(symbol, nullptr, nullptr, &status);
  if (status != 0 || out == nullptr) return symbol;
  std::string result(out);
  std::free(out);
  return tidy_coroutine(std::move(result));
}

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

ResolvedAddress Symbolizer::resolve(std::uint64_t address, bool return_address) {
  ResolvedAddress out;
  if (impl_->dwfl == nullptr || address == 0) return out;
  Dwarf_Addr lookup = return_address ? address - 1 : address;
  Dwfl_Module* module = dwfl_addrmodule(impl_->dwfl, lookup);
  if (module == nullptr) return out;
  out.function = demangle(dwfl_module_addrname(module, lookup));
  if (Dwfl_Line* line = dwfl_module_getsrc(module, lookup); line != nullptr) {
    int lineno = 0;
    const char* file = dwfl_lineinfo(line, nullptr, &lineno, nullptr, nullptr, nullptr);
    if (file != nullptr) out.file = file;
    out.line = static_cast<std::uint32_t>(lineno);
  }
  return out;
}

}  // namespace coscope::tracer::detail
