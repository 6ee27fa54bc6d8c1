#include "allow_list.hpp"

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

struct Frame {
  std::string function;
  std::string place;  // "file:line"
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
    tracer::detail::ResolvedAddress r = symbolizer->resolve(address, true);
    Frame f{r.function, r.file.empty() ? std::string() : r.file + ":" + std::to_string(r.line)};
    return frames.emplace(address, std::move(f)).first->second;
  }
};

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
bool internal(const Frame& caller) {
  return starts_with(caller.function, "coscope::tracer::") ||
         starts_with(caller.function, "coscope::asio_hooks::") ||
         starts_with(caller.function, "coscope::checks::") ||
         starts_with(caller.function, "boost::asio::detail::") ||
         caller.place.find("/boost/asio/detail/") != std::string::npos ||
         caller.place.find("/coscope/spdlog_sink.hpp") != std::string::npos;
}

bool site_matches(const std::string& site, const Frame& f) {
  return f.function.find(site) != std::string::npos || f.place.find(site) != std::string::npos;
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
    if (stack.frames > 0 && internal(list.frame(stack.frame[0]))) return true;
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
