// SymbolIndex names addresses as dwfl_module_addrname does, for every module of this process:
// the test binary's full symbol table (local symbols included) and the system libraries'
// dynamic symbols.
#include "coscope/symbols/symbol_index.hpp"

#include <elfutils/libdwfl.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "process_modules.hpp"

namespace coscope::symbols {
namespace {

[[gnu::noinline]] int local_function(int x) {
  asm volatile("" : "+r"(x));
  return x * 3;
}

class SymbolIndexTest : public ProcessModules {};

std::vector<Dwfl_Module*> modules(Dwfl* dwfl) {
  std::vector<Dwfl_Module*> all;
  dwfl_getmodules(
      dwfl,
      [](Dwfl_Module* m, void**, const char*, Dwarf_Addr, void* out) -> int {
        static_cast<std::vector<Dwfl_Module*>*>(out)->push_back(m);
        return DWARF_CB_OK;
      },
      &all, 0);
  return all;
}

// Addresses to probe in a module: the start, middle and last byte of sampled symbols, and
// the bytes just past their ends (often padding, or a sizeless label).
std::vector<std::uint64_t> probes(Dwfl_Module* module, std::size_t wanted) {
  std::vector<std::uint64_t> out;
  const int count = dwfl_module_getsymtab(module);
  if (count <= 1) return out;
  const int step = std::max(1, count / static_cast<int>(wanted));
  for (int i = 1; i < count; i += step) {
    GElf_Sym sym;
    GElf_Addr address = 0;
    if (dwfl_module_getsym_info(module, i, &sym, &address, nullptr, nullptr, nullptr) == nullptr)
      continue;
    if (GELF_ST_TYPE(sym.st_info) != STT_FUNC || sym.st_shndx == SHN_UNDEF) continue;
    out.push_back(address);
    out.push_back(address + sym.st_size / 2);
    if (sym.st_size > 0) out.push_back(address + sym.st_size - 1);
    out.push_back(address + sym.st_size);
  }
  return out;
}

std::string text(const char* name) {
  return name == nullptr ? "(none)" : name;
}

TEST_F(SymbolIndexTest, NamesEveryProbedAddressAsLibdwflDoes) {
  SymbolIndex index;
  std::size_t compared = 0;
  for (Dwfl_Module* module : modules(dwfl())) {
    const char* module_name =
        dwfl_module_info(module, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr);
    for (std::uint64_t address : probes(module, 400)) {
      if (dwfl_addrmodule(dwfl(), address) != module) continue;
      ASSERT_EQ(text(index.name(module, address)), text(dwfl_module_addrname(module, address)))
          << "address " << std::hex << address << " in " << text(module_name);
      ++compared;
    }
  }
  EXPECT_GT(compared, 1000u);
}

TEST_F(SymbolIndexTest, NamesALocalFunctionOfTheExecutable) {
  const auto address = reinterpret_cast<std::uint64_t>(&local_function) + 1;
  Dwfl_Module* module = dwfl_addrmodule(dwfl(), address);
  ASSERT_NE(module, nullptr);
  SymbolIndex index;
  const char* name = index.name(module, address);
  ASSERT_NE(name, nullptr);
  EXPECT_NE(std::strstr(name, "local_function"), nullptr) << name;
  EXPECT_EQ(index.name(nullptr, address), nullptr);
  index.clear();  // read again from the module
  EXPECT_STREQ(index.name(module, address), name);
}

}  // namespace
}  // namespace coscope::symbols
