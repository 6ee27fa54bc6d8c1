// bench_symbols: names N code addresses of libstdc++ (thousands of symbols, as in the
// programs the tracer runs in) with dwfl_module_addrname, which scans the module's symbol
// table per address, and with a fresh SymbolIndex, which reads the table once and searches.
// The index's time includes building it: what the tracer pays per trace.
#include <benchmark/benchmark.h>
#include <elfutils/libdwfl.h>
#include <unistd.h>

#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <vector>

#include "coscope/symbols/symbol_index.hpp"

namespace {

struct Process {
  Dwfl_Callbacks callbacks{};
  char* debuginfo_path = nullptr;
  Dwfl* dwfl = nullptr;
  Dwfl_Module* module = nullptr;  // libstdc++
  std::vector<std::uint64_t> addresses;

  Process() {
    callbacks.find_elf = dwfl_linux_proc_find_elf;
    callbacks.find_debuginfo = dwfl_standard_find_debuginfo;
    callbacks.debuginfo_path = &debuginfo_path;
    dwfl = dwfl_begin(&callbacks);
    dwfl_report_begin(dwfl);
    dwfl_linux_proc_report(dwfl, ::getpid());
    dwfl_report_end(dwfl, nullptr, nullptr);
    dwfl_getmodules(
        dwfl,
        [](Dwfl_Module* m, void**, const char* name, Dwarf_Addr, void* self) -> int {
          if (std::strstr(name, "libstdc++") == nullptr) return DWARF_CB_OK;
          static_cast<Process*>(self)->module = m;
          return DWARF_CB_ABORT;
        },
        this, 0);
    if (module == nullptr) throw std::runtime_error("libstdc++ is not loaded");
    const int count = dwfl_module_getsymtab(module);
    for (int i = 1; i < count; ++i) {
      GElf_Sym sym;
      GElf_Addr address = 0;
      if (dwfl_module_getsym_info(module, i, &sym, &address, nullptr, nullptr, nullptr) &&
          GELF_ST_TYPE(sym.st_info) == STT_FUNC && sym.st_size > 0)
        addresses.push_back(address + sym.st_size / 2);
    }
  }
  ~Process() { dwfl_end(dwfl); }

  // `n` addresses spread over the module.
  std::vector<std::uint64_t> sample(std::size_t n) const {
    std::vector<std::uint64_t> out;
    for (std::size_t i = 0; i < n && !addresses.empty(); ++i)
      out.push_back(addresses[i * addresses.size() / n]);
    return out;
  }
};

Process& process() {
  static Process p;
  return p;
}

void Libdwfl(benchmark::State& state) {
  const auto addresses = process().sample(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state)
    for (std::uint64_t a : addresses)
      benchmark::DoNotOptimize(dwfl_module_addrname(process().module, a));
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(addresses.size()));
}

void Index(benchmark::State& state) {
  const auto addresses = process().sample(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    coscope::symbols::SymbolIndex index;
    for (std::uint64_t a : addresses) benchmark::DoNotOptimize(index.name(process().module, a));
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(addresses.size()));
}

BENCHMARK(Libdwfl)->Arg(1)->Arg(10)->Arg(100)->Arg(1000)->Unit(benchmark::kMicrosecond);
BENCHMARK(Index)->Arg(1)->Arg(10)->Arg(100)->Arg(1000)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
