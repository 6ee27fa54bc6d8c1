// The checks' settings from the environment (documented in docs/tracer-checks.md).
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string_view>

#include "checks.hpp"

namespace coscope::checks {
namespace {

unsigned parse_checks(const char* text) {
  if (text == nullptr || *text == '\0' || std::strcmp(text, "all") == 0) return kAllChecks;
  if (std::strcmp(text, "none") == 0) return 0;
  unsigned out = 0;
  std::string_view rest(text);
  while (!rest.empty()) {
    std::size_t comma = rest.find(',');
    std::string_view word = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    if (word == "blocking") {
      out |= kBlocking;
    } else if (word == "slow") {
      out |= kSlowResume;
    } else if (word == "exceptions") {
      out |= kExceptions;
    } else if (word == "crash") {
      out |= kCrash;
    } else {
      std::fprintf(stderr,
                   "coscope: COSCOPE_CHECKS: unknown check '%.*s' (blocking, slow, exceptions, "
                   "crash, all, none)\n",
                   static_cast<int>(word.size()), word.data());
    }
  }
  return out;
}

std::uint64_t parse_number(const char* name, std::uint64_t fallback, std::uint64_t low,
                           std::uint64_t high) {
  const char* text = std::getenv(name);
  if (text == nullptr || *text == '\0') return fallback;
  char* end = nullptr;
  unsigned long long value = std::strtoull(text, &end, 10);
  if (*end != '\0' || value < low || value > high) {
    std::fprintf(stderr, "coscope: %s=%s is not a number in %llu..%llu; using %llu\n", name, text,
                 static_cast<unsigned long long>(low), static_cast<unsigned long long>(high),
                 static_cast<unsigned long long>(fallback));
    return fallback;
  }
  return value;
}

// Rules are separated by commas outside parentheses and angle brackets, so that a rule may
// name a function with its parameters ("f(int, char)@g").
std::vector<std::string> split_rules(const char* text) {
  std::vector<std::string> out;
  if (text == nullptr) return out;
  std::string current;
  int depth = 0;
  for (const char* p = text; *p != '\0'; ++p) {
    char c = *p;
    if (c == '(' || c == '<') ++depth;
    if ((c == ')' || c == '>') && depth > 0) --depth;
    if ((c == ',' && depth == 0) || c == ';') {
      if (!current.empty()) out.push_back(current);
      current.clear();
    } else if (c != ' ' || !current.empty()) {
      current += c;
    }
  }
  if (!current.empty()) out.push_back(current);
  return out;
}

Config read_config() {
  Config c;
  c.enabled = parse_checks(std::getenv("COSCOPE_CHECKS"));
  c.slow_ns = parse_number("COSCOPE_SLOW_MS", 10, 1, 3'600'000) * 1'000'000;
  c.allow = split_rules(std::getenv("COSCOPE_ALLOW"));
  const char* mode = std::getenv("COSCOPE_MODE");
  if (mode != nullptr && *mode != '\0') {
    if (std::strcmp(mode, "ring") == 0)
      c.ring = true;
    else if (std::strcmp(mode, "file") != 0)
      std::fprintf(stderr, "coscope: COSCOPE_MODE=%s is not file|ring; using file\n", mode);
  }
  c.ring_bytes = parse_number("COSCOPE_RING_MB", 16, 1, 4096) << 20;
  return c;
}

}  // namespace

const Config& config() {
  static const Config* c = new Config(read_config());  // leaked: used during exit
  return *c;
}

}  // namespace coscope::checks
