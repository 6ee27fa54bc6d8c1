#include "summary/summary.h"

#include <deque>
#include <nlohmann/json.hpp>
#include <unordered_map>

namespace coscope::lint {
namespace {

nlohmann::json siteJson(const SiteRef& at) {
  return {{"file", at.file}, {"line", at.line}, {"column", at.column}};
}
SiteRef siteFrom(const nlohmann::json& j) {
  return {j.at("file").get<std::string>(), j.at("line").get<unsigned>(),
          j.at("column").get<unsigned>()};
}

}  // namespace

std::string summariesToJson(const SummaryFile& file) {
  nlohmann::json out;
  out["version"] = 1;
  out["key"] = file.key;
  out["parse_failed"] = file.parseFailed;
  auto& deps = out["dependencies"] = nlohmann::json::array();
  for (const auto& d : file.dependencies) deps.push_back({{"file", d.file}, {"hash", d.hash}});
  auto& functions = out["functions"] = nlohmann::json::array();
  for (const auto& f : file.functions) {
    nlohmann::json j{{"usr", f.usr}, {"name", f.name}, {"coroutine", f.coroutine}};
    if (f.blocking)
      j["blocking"] = {{"what", f.blocking->what},
                       {"family", f.blocking->family},
                       {"advice", f.blocking->advice},
                       {"at", siteJson(f.blocking->at)}};
    auto& calls = j["calls"] = nlohmann::json::array();
    for (const auto& c : f.calls)
      calls.push_back({{"usr", c.usr}, {"name", c.name}, {"at", siteJson(c.at)}});
    functions.push_back(std::move(j));
  }
  return out.dump();
}

Result<SummaryFile> summariesFromJson(std::string_view text) {
  try {
    const auto doc = nlohmann::json::parse(text);
    if (doc.value("version", 0) != 1) return Error{"unsupported summary version"};
    SummaryFile file;
    file.key = doc.at("key").get<std::string>();
    file.parseFailed = doc.at("parse_failed").get<bool>();
    for (const auto& d : doc.at("dependencies"))
      file.dependencies.push_back(
          {d.at("file").get<std::string>(), d.at("hash").get<std::uint64_t>()});
    for (const auto& j : doc.at("functions")) {
      FunctionSummary f;
      f.usr = j.at("usr").get<std::string>();
      f.name = j.at("name").get<std::string>();
      f.coroutine = j.at("coroutine").get<bool>();
      if (j.contains("blocking")) {
        const auto& b = j["blocking"];
        f.blocking =
            BlockingSite{b.at("what").get<std::string>(), b.at("family").get<std::string>(),
                         b.at("advice").get<std::string>(), siteFrom(b.at("at"))};
      }
      for (const auto& c : j.at("calls"))
        f.calls.push_back({c.at("usr").get<std::string>(), c.at("name").get<std::string>(),
                           siteFrom(c.at("at"))});
      file.functions.push_back(std::move(f));
    }
    return file;
  } catch (const nlohmann::json::exception& e) {
    return Error{std::string("bad summary file: ") + e.what()};
  }
}

std::vector<const FunctionSummary*> shortestBlockingChain(const std::string& start, unsigned depth,
                                                          const SummaryLookup& lookup) {
  // Breadth first, so the chain shown is the shortest; `parent` doubles as the visited set.
  std::unordered_map<std::string, std::string> parent;
  std::unordered_map<std::string, const FunctionSummary*> found;
  std::deque<std::pair<std::string, unsigned>> queue;  // usr, chain length so far
  parent[start] = "";
  queue.emplace_back(start, 1);
  while (!queue.empty()) {
    auto [usr, length] = queue.front();
    queue.pop_front();
    const FunctionSummary* f = lookup(usr);
    if (!f || f->coroutine) continue;
    found[usr] = f;
    if (f->blocking) {
      std::vector<const FunctionSummary*> chain;
      for (std::string at = usr; !at.empty(); at = parent[at])
        chain.insert(chain.begin(), found[at]);
      return chain;
    }
    if (length >= depth) continue;
    for (const auto& call : f->calls)
      if (parent.emplace(call.usr, usr).second) queue.emplace_back(call.usr, length + 1);
  }
  return {};
}

void SummaryGraph::add(std::vector<FunctionSummary> functions) {
  for (auto& f : functions) functions_.try_emplace(f.usr, std::move(f));
}

const FunctionSummary* SummaryGraph::find(const std::string& usr) const {
  auto it = functions_.find(usr);
  return it == functions_.end() ? nullptr : &it->second;
}

std::vector<FunctionSummary> SummaryGraph::all() const {
  std::vector<FunctionSummary> out;
  out.reserve(functions_.size());
  for (const auto& [usr, f] : functions_) out.push_back(f);
  return out;
}

}  // namespace coscope::lint
