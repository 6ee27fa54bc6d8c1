// Reads the tracer's options from the environment (documented in docs/tracer.md).
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "coscope/tracer.hpp"

namespace coscope {
namespace {

std::string expand_pid(const char* pattern) {
  std::string out;
  for (const char* p = pattern; *p != '\0'; ++p) {
    if (p[0] == '%' && p[1] == 'p') {
      out += std::to_string(::getpid());
      ++p;
    } else {
      out += *p;
    }
  }
  return out;
}

StackMode parse_stacks(const char* text) {
  if (text == nullptr || *text == '\0') return StackMode::spawn;
  if (std::strcmp(text, "off") == 0) return StackMode::off;
  if (std::strcmp(text, "spawn") == 0) return StackMode::spawn;
  if (std::strcmp(text, "suspend") == 0) return StackMode::suspend;
  if (std::strcmp(text, "all") == 0) return StackMode::all;
  std::fprintf(stderr, "coscope: COSCOPE_STACKS=%s is not off|spawn|suspend|all; using spawn\n",
               text);
  return StackMode::spawn;
}

std::uint32_t parse_buffer_kb(const char* text) {
  constexpr std::uint32_t kDefault = TraceOptions{}.buffer_kb;
  if (text == nullptr || *text == '\0') return kDefault;
  char* end = nullptr;
  unsigned long value = std::strtoul(text, &end, 10);
  if (*end != '\0' || value < 16 || value > (1u << 20)) {
    std::fprintf(stderr, "coscope: COSCOPE_BUFFER_KB=%s is not a number in 16..1048576; using %u\n",
                 text, kDefault);
    return kDefault;
  }
  return static_cast<std::uint32_t>(value);
}

}  // namespace

TraceOptions options_from_environment() {
  TraceOptions options;
  if (const char* path = std::getenv("COSCOPE_TRACE"); path != nullptr && *path != '\0')
    options.path = expand_pid(path);
  options.stacks = parse_stacks(std::getenv("COSCOPE_STACKS"));
  options.buffer_kb = parse_buffer_kb(std::getenv("COSCOPE_BUFFER_KB"));
  return options;
}

}  // namespace coscope
