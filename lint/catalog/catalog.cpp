#include "catalog/catalog.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace coscope::lint {

extern const char kBuiltinCatalogJson[];  // generated from blocking_functions.json

namespace {

std::string_view leafOf(std::string_view name) {
  const auto pos = name.rfind("::");
  return pos == std::string_view::npos ? name : name.substr(pos + 2);
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n'))
    s.remove_suffix(1);
  return s;
}

// Leading "::" is accepted in user input and dropped: the catalog stores names without it.
std::string normalize(std::string_view name) {
  name = trim(name);
  if (name.substr(0, 2) == "::") name.remove_prefix(2);
  return std::string(name);
}

CatalogEntry entryFromJson(const nlohmann::json& item, const std::string& family,
                           const std::string& ns) {
  CatalogEntry entry;
  const std::string name = item.at("name").get<std::string>();
  entry.name = ns.empty() ? normalize(name) : ns + "::" + normalize(name);
  entry.family = family;
  entry.instead = item.value("instead", std::string());
  entry.receivers = item.value("receivers", std::vector<std::string>());
  entry.cLinkage = entry.name.find("::") == std::string::npos;
  return entry;
}

}  // namespace

const Catalog& Catalog::builtin() {
  static const Catalog catalog = [] {
    auto loaded = fromJson(kBuiltinCatalogJson, "built-in catalog");
    // The embedded text is tested; failing here means a broken build, not bad user input.
    if (!loaded) std::abort();
    return std::move(loaded.value());
  }();
  return catalog;
}

Result<Catalog> Catalog::fromJson(std::string_view text, std::string_view origin) {
  Catalog catalog;
  try {
    const auto doc = nlohmann::json::parse(text);
    if (doc.value("version", 0) != 1)
      return Error{std::string(origin) + ": unsupported catalog version (expected 1)"};
    for (const auto& fam : doc.at("families")) {
      CatalogFamily family{fam.at("id").get<std::string>(), fam.value("title", std::string()),
                           fam.value("advice", std::string())};
      auto namespaces = fam.value("namespaces", std::vector<std::string>{""});
      for (const auto& ns : namespaces) {
        for (const auto& item : fam.value("functions", nlohmann::json::array()))
          catalog.addFunction(entryFromJson(item, family.id, ns));
        for (const auto& item : fam.value("types", nlohmann::json::array()))
          catalog.addType(entryFromJson(item, family.id, ns));
      }
      catalog.families_.push_back(std::move(family));
    }
  } catch (const nlohmann::json::exception& e) {
    return Error{std::string(origin) + ": " + e.what()};
  }
  return catalog;
}

void Catalog::add(CatalogEntry entry, std::unordered_map<std::string, CatalogEntry>& into,
                  std::unordered_multiset<std::string>& leaves) {
  entry.name = normalize(entry.name);
  if (entry.family.empty()) entry.family = "user";
  auto [it, inserted] = into.try_emplace(entry.name, entry);
  if (!inserted) {
    it->second = std::move(entry);
    return;
  }
  leaves.insert(std::string(leafOf(it->first)));
}

void Catalog::addFunction(CatalogEntry entry) {
  add(std::move(entry), functions_, functionLeaves_);
}
void Catalog::addType(CatalogEntry entry) {
  add(std::move(entry), types_, typeLeaves_);
}

bool Catalog::allow(std::string_view rawName) {
  const std::string name = normalize(rawName);
  allowed_.insert(name);
  bool removed = false;
  for (const auto& pair :
       {std::make_pair(&functions_, &functionLeaves_), std::make_pair(&types_, &typeLeaves_)}) {
    if (pair.first->erase(name) > 0) {
      auto leaf = pair.second->find(std::string(leafOf(name)));
      if (leaf != pair.second->end()) pair.second->erase(leaf);  // erase one, not all
      removed = true;
    }
  }
  return removed;
}

const CatalogEntry* Catalog::findFunction(std::string_view name) const {
  auto it = functions_.find(std::string(name));
  return it == functions_.end() ? nullptr : &it->second;
}

const CatalogEntry* Catalog::findType(std::string_view name) const {
  auto it = types_.find(std::string(name));
  return it == types_.end() ? nullptr : &it->second;
}

const CatalogFamily& Catalog::family(std::string_view id) const {
  static const CatalogFamily user{"user", "functions added by the configuration",
                                  "move the call off the coroutine's thread"};
  for (const auto& f : families_)
    if (f.id == id) return f;
  return user;
}

std::vector<const CatalogEntry*> Catalog::entries() const {
  std::vector<const CatalogEntry*> out;
  for (const auto* map : {&functions_, &types_}) {
    const auto first = out.size();
    for (const auto& [name, entry] : *map) out.push_back(&entry);
    std::sort(out.begin() + static_cast<std::ptrdiff_t>(first), out.end(),
              [](auto* a, auto* b) { return a->name < b->name; });
  }
  return out;
}

std::vector<std::string> splitList(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    const auto pos = text.find(';');
    const auto item = trim(text.substr(0, pos));
    if (!item.empty()) out.emplace_back(item);
    if (pos == std::string_view::npos) break;
    text.remove_prefix(pos + 1);
  }
  return out;
}

CatalogEntry parseUserEntry(std::string_view item) {
  CatalogEntry entry;
  const auto eq = item.find('=');
  entry.name = normalize(item.substr(0, eq));
  if (eq != std::string_view::npos) entry.instead = std::string(trim(item.substr(eq + 1)));
  entry.family = "user";
  return entry;
}

}  // namespace coscope::lint
