#include "driver/baseline.h"

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

namespace coscope::lint {
namespace {

// FNV-1a: stable across platforms and releases, unlike std::hash.
std::uint64_t fnv1a(const std::string& text, std::uint64_t hash = 14695981039346656037ull) {
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return hash;
}

std::string collapseBlanks(const std::string& line) {
  std::string out;
  for (char c : line) {
    const bool blank = c == ' ' || c == '\t' || c == '\r';
    if (blank && (out.empty() || out.back() == ' ')) continue;
    out += blank ? ' ' : c;
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace

std::string relativeTo(const std::string& path, const std::string& root) {
  if (root.empty() || path.size() <= root.size() || path.compare(0, root.size(), root) != 0)
    return path;
  if (root.back() == '/') return path.substr(root.size());
  return path[root.size()] == '/' ? path.substr(root.size() + 1) : path;
}

void assignFingerprints(std::vector<Finding>& findings, const std::string& root) {
  std::map<std::uint64_t, unsigned> seen;  // identical content → how many so far in this run
  for (auto& f : findings) {
    const std::string key = f.check + '\n' + relativeTo(f.where.file, root) + '\n' +
                            collapseBlanks(f.lineText) + '\n' + f.message;
    const std::uint64_t base = fnv1a(key);
    const unsigned rank = seen[base]++;
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx",
                  static_cast<unsigned long long>(fnv1a(std::to_string(rank), base)));
    f.fingerprint = hex;
  }
}

Result<Baseline> readBaseline(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Error{path + ": cannot open baseline"};
  Baseline baseline;
  try {
    const auto doc = nlohmann::json::parse(in);
    if (doc.value("version", 0) != 1) return Error{path + ": unsupported baseline version"};
    for (const auto& item : doc.at("findings"))
      baseline.fingerprints.insert(item.at("fingerprint").get<std::string>());
  } catch (const nlohmann::json::exception& e) {
    return Error{path + ": invalid baseline: " + e.what()};
  }
  return baseline;
}

std::string baselineJson(const std::vector<Finding>& findings, const std::string& root) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& f : findings)
    items.push_back({{"fingerprint", f.fingerprint},
                     {"check", f.check},
                     {"file", relativeTo(f.where.file, root)},
                     {"message", f.message}});
  return nlohmann::json{{"version", 1}, {"tool", "coscope-lint"}, {"findings", items}}.dump(2) +
         "\n";
}

std::size_t applyBaseline(const Baseline& baseline, std::vector<Finding>& findings) {
  const auto before = findings.size();
  std::erase_if(findings,
                [&](const Finding& f) { return baseline.fingerprints.count(f.fingerprint) > 0; });
  return before - findings.size();
}

}  // namespace coscope::lint
