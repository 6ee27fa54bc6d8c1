#include "allow_list.hpp"

#include <atomic>
#include <cstring>
#include <memory>
#include <mutex>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "../symbolizer.hpp"
#include "checks.hpp"
#include "coscope/checks.hpp"

namespace coscope::checks {
namespace {

// How many of the caller's innermost frames a rule's site is compared with.
constexpr int kSiteDepth = 8;

struct Rule {
  std::string function;  // "*" for any
  std::string site;      // empty for everywhere
};

// One source frame of a return address; an address inside inlined code has several, the
// innermost first.
struct SourcePlace {
  std::string function;
  std::string place;  // "file:line"
};
struct Frame {
  std::vector<SourcePlace> inline_chain;  // empty when unresolved
};

struct AllowList {
  std::mutex mutex;
  bool loaded = false;
  std::vector<Rule> rules;
  std::unique_ptr<tracer::detail::Symbolizer> symbolizer;
  std::unordered_map<std::uint64_t, Frame> frames;

  const Frame& frame(std::uint64_t address) {
    auto it = frames.find(address);
    if (it != frames.end()) return it->second;
    if (!symbolizer) symbolizer = std::make_unique<tracer::detail::Symbolizer>();
    Frame f;
    for (const tracer::detail::SourceFrame& r : symbolizer->resolve(address, true))
      f.inline_chain.push_back(
          {r.function, r.file.empty() ? std::string() : r.file + ":" + std::to_string(r.line)});
    return frames.emplace(address, std::move(f)).first->second;
  }
};

// Callers found internal, one per slot (a later one may take a slot: a cache, not a set).
constexpr unsigned kInternalCallerBits = 10;
std::atomic<std::uint64_t> g_internal_callers[1u << kInternalCallerBits];

std::atomic<std::uint64_t>& internal_slot(std::uint64_t caller) {
  return g_internal_callers[(caller * 0x9E3779B97F4A7C15ull) >> (64 - kInternalCallerBits)];
}

AllowList& allow_list() {
  static auto* list = new AllowList;  // leaked: used by threads still running at exit
  return *list;
}

Rule parse(std::string_view text) {
  std::size_t at = text.rfind('@');
  if (at == std::string_view::npos) return Rule{std::string(text), {}};
  return Rule{std::string(text.substr(0, at)), std::string(text.substr(at + 1))};
}

bool starts_with(const std::string& s, const char* prefix) {
  return s.compare(0, std::strlen(prefix), prefix) == 0;
}

// The tracer's own locks and Asio's internals (its scheduler and reactor lock their mutexes,
// write their eventfd, inside a resume) are not the user's blocking calls.
// Judged by the function the call is in (the last of the inline chain) and by the innermost
// source line, which may be Asio's or ours inlined into a user's function.
bool internal(const Frame& caller) {
  if (caller.inline_chain.empty()) return false;
  const std::string& function = caller.inline_chain.back().function;
  const std::string& place = caller.inline_chain.front().place;
  return starts_with(function, "coscope::tracer::") ||
         starts_with(function, "coscope::asio_hooks::") ||
         starts_with(function, "coscope::checks::") ||
         starts_with(function, "boost::asio::detail::") ||
         place.find("/boost/asio/detail/") != std::string::npos ||
         place.find("/coscope/spdlog_sink.hpp") != std::string::npos;
}

// Any frame of the chain: a rule names the user's function or line, which an inlined
// library call (std::this_thread::sleep_for) hides behind its own.
bool site_matches(const std::string& site, const Frame& f) {
  for (const SourcePlace& p : f.inline_chain)
    if (p.function.find(site) != std::string::npos || p.place.find(site) != std::string::npos)
      return true;
  return false;
}

}  // namespace

bool blocking_allowed(const char* function, const tracer::RawStack& stack) noexcept {
  try {
    AllowList& list = allow_list();
    std::lock_guard lock(list.mutex);
    if (!list.loaded) {
      for (const std::string& r : config().allow) list.rules.push_back(parse(r));
      list.loaded = true;
    }
    if (stack.frames > 0 && internal(list.frame(stack.frame[0]))) {
      internal_slot(stack.frame[0]).store(stack.frame[0], std::memory_order_relaxed);
      return true;
    }
    for (const Rule& rule : list.rules) {
      if (rule.function != "*" && rule.function != function) continue;
      if (rule.site.empty()) return true;
      for (int i = 0; i < stack.frames && i < kSiteDepth; ++i)
        if (site_matches(rule.site, list.frame(stack.frame[i]))) return true;
    }
    return false;
  } catch (...) {
    return false;  // out of memory: report rather than lose the finding
  }
}

bool keep_blocking_finding(const char* function, const tracer::RawStack& stack) noexcept {
  return !blocking_allowed(function, stack);
}

bool caller_known_internal(std::uint64_t caller) noexcept {
  return caller != 0 && internal_slot(caller).load(std::memory_order_relaxed) == caller;
}

void add_allow_rule(std::string rule) {
  AllowList& list = allow_list();
  Quiet quiet;
  std::lock_guard lock(list.mutex);
  list.rules.push_back(parse(rule));
}

}  // namespace coscope::checks

namespace coscope {

void allow_blocking(std::string_view rule) {
  checks::add_allow_rule(std::string(rule));
}

AllowBlocking::AllowBlocking() noexcept {
  ++checks::t_allow_blocking;
}
AllowBlocking::~AllowBlocking() {
  --checks::t_allow_blocking;
}

}  // namespace coscope
