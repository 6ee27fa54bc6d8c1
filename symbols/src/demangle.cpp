#include "coscope/symbols/demangle.hpp"

#include <cxxabi.h>

#include <cstdlib>

namespace coscope::symbols {
namespace {

// Drops the frame-pointer parameter of a coroutine resume function (see the header).
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

}  // namespace coscope::symbols
