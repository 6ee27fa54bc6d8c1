// Resolves runtime addresses of this process to demangled function, file and line with
// elfutils libdw. Coroutine resume functions (".actor"/".resume" clones) are local symbols
// that dladdr cannot name; the ELF symbol table and DWARF line table can.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

namespace coscope::tracer::detail {

struct ResolvedAddress {
  std::string function;  // demangled; empty when unknown
  std::string file;
  std::uint32_t line = 0;
};

class Symbolizer {
 public:
  Symbolizer();
  ~Symbolizer();
  Symbolizer(const Symbolizer&) = delete;
  Symbolizer& operator=(const Symbolizer&) = delete;

  // For a return address (a physical frame) the call instruction before it is looked up.
  ResolvedAddress resolve(std::uint64_t address, bool return_address);
  // The function at a code address, from the symbol table only (no line tables read).
  std::string function_name(std::uint64_t address);
  // Re-reads the process's modules (after dlopen).
  void refresh();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

std::string demangle(const char* symbol);

}  // namespace coscope::tracer::detail
