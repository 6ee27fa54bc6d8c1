#include "driver/config.h"

#include "driver/checks_info.h"

#include "catalog/catalog.h"

#include <llvm/Support/FileSystem.h>
#include <llvm/Support/GlobPattern.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/Path.h>
#include <llvm/Support/YAMLTraits.h>

#include <fstream>
#include <sstream>

namespace coscope::lint {
namespace {

// YAML mirror of Config; optional keys stay empty, unknown keys are errors.
struct RawConfig {
  std::optional<std::string> checks;
  std::optional<std::string> catalogFile;
  std::vector<UserFunction> blockingFunctions;
  std::vector<std::string> blockingTypes;
  std::vector<std::string> allowedFunctions;
  std::vector<std::string> allowedFiles;
  std::map<std::string, std::string> checkOptions;
};

std::string joinItems(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ";") + item;
  return out;
}

std::string resolve(const std::string& dir, const std::string& path) {
  if (path.empty() || llvm::sys::path::is_absolute(path)) return path;
  llvm::SmallString<256> full(dir);
  llvm::sys::path::append(full, path);
  llvm::sys::path::remove_dots(full, true);
  return std::string(full);
}

}  // namespace
}  // namespace coscope::lint

LLVM_YAML_IS_SEQUENCE_VECTOR(coscope::lint::UserFunction)
LLVM_YAML_IS_STRING_MAP(std::string)

namespace llvm::yaml {
template <>
struct MappingTraits<coscope::lint::UserFunction> {
  static void mapping(IO& io, coscope::lint::UserFunction& f) {
    io.mapRequired("Name", f.name);
    io.mapOptional("Instead", f.instead);
  }
};
template <>
struct MappingTraits<coscope::lint::RawConfig> {
  static void mapping(IO& io, coscope::lint::RawConfig& c) {
    io.mapOptional("Checks", c.checks);
    io.mapOptional("CatalogFile", c.catalogFile);
    io.mapOptional("BlockingFunctions", c.blockingFunctions);
    io.mapOptional("BlockingTypes", c.blockingTypes);
    io.mapOptional("AllowedFunctions", c.allowedFunctions);
    io.mapOptional("AllowedFiles", c.allowedFiles);
    io.mapOptional("CheckOptions", c.checkOptions);
  }
};
}  // namespace llvm::yaml

namespace coscope::lint {

std::map<std::string, std::string> Config::checkOptions() const {
  const std::string prefix = "coscope-blocking-call.";
  // The generic map first: the dedicated keys above are the documented spelling and win.
  std::map<std::string, std::string> out = extraCheckOptions;
  if (catalogFile) out[prefix + "CatalogFile"] = *catalogFile;
  std::vector<std::string> functions;
  for (const auto& f : blockingFunctions)
    functions.push_back(f.instead.empty() ? f.name : f.name + "=" + f.instead);
  if (!functions.empty()) out[prefix + "BlockingFunctions"] = joinItems(functions);
  if (!blockingTypes.empty()) out[prefix + "BlockingTypes"] = joinItems(blockingTypes);
  if (!allowedFunctions.empty()) out[prefix + "AllowedFunctions"] = joinItems(allowedFunctions);
  if (!allowedFiles.empty()) out[prefix + "AllowedFiles"] = joinItems(allowedFiles);
  return out;
}

Result<Config> parseConfig(const std::string& text, const std::string& path) {
  RawConfig raw;
  std::string diagnostics;
  {
    llvm::raw_string_ostream diagStream(diagnostics);
    llvm::yaml::Input input(
        text, nullptr,
        [](const llvm::SMDiagnostic& d, void* ctx) {
          d.print(nullptr, *static_cast<llvm::raw_string_ostream*>(ctx), /*ShowColors=*/false);
        },
        &diagStream);
    input >> raw;
    if (input.error()) {
      diagStream.flush();
      return Error{path + ": invalid configuration: " +
                   (diagnostics.empty() ? input.error().message() : diagnostics)};
    }
  }
  const std::string dir = std::string(llvm::sys::path::parent_path(path));
  Config config;
  config.path = path;
  config.checks = raw.checks;
  if (config.checks)
    if (const auto unknown = globsMatchingNoCheck(*config.checks); !unknown.empty())
      return Error{path + ": Checks '" + unknown.front() +
                   "' matches no check (see coscope-lint --list-checks)"};
  if (raw.catalogFile) config.catalogFile = resolve(dir, *raw.catalogFile);
  config.blockingFunctions = std::move(raw.blockingFunctions);
  config.blockingTypes = std::move(raw.blockingTypes);
  config.allowedFunctions = std::move(raw.allowedFunctions);
  for (const auto& [key, value] : raw.checkOptions) {
    if (key.rfind("coscope-", 0) != 0 || key.find('.') == std::string::npos)
      return Error{path + ": CheckOptions key '" + key +
                   "' is not of the form coscope-<check>.<Option>"};
    // A misspelt option would keep its default without a word: an error, like a Checks glob
    // that matches no check.
    if (const auto problem = unknownCheckOption(key))
      return Error{path + ": CheckOptions key '" + key + "' " + *problem};
    config.extraCheckOptions[key] = value;
  }
  for (const auto& glob : raw.allowedFiles)
    config.allowedFiles.push_back(glob.front() == '*' ? glob : resolve(dir, glob));
  for (const auto& f : config.blockingFunctions)
    if (f.name.find(';') != std::string::npos || f.instead.find(';') != std::string::npos)
      return Error{path + ": ';' is not allowed in BlockingFunctions (it separates option items)"};
  return config;
}

Result<Config> loadConfig(const std::string& path) {
  auto buffer = llvm::MemoryBuffer::getFile(path);
  if (!buffer) return Error{path + ": " + buffer.getError().message()};
  llvm::SmallString<256> absolute(path);
  llvm::sys::fs::make_absolute(absolute);
  return parseConfig((*buffer)->getBuffer().str(), std::string(absolute));
}

Result<bool> validateConfig(const Config& config) {
  if (config.catalogFile) {
    auto buffer = llvm::MemoryBuffer::getFile(*config.catalogFile);
    if (!buffer)
      return Error{config.path + ": CatalogFile " + *config.catalogFile + ": " +
                   buffer.getError().message()};
    auto catalog = Catalog::fromJson((*buffer)->getBuffer().str(), *config.catalogFile);
    if (!catalog) return Error{config.path + ": " + catalog.error().message};
  }
  for (const auto& glob : config.allowedFiles)
    if (auto pattern = llvm::GlobPattern::create(glob); !pattern)
      return Error{config.path + ": AllowedFiles '" + glob +
                   "': " + llvm::toString(pattern.takeError())};
  return true;
}

Result<const Config*> ConfigSet::forFile(const std::string& file) {
  if (explicit_) return &*explicit_;
  llvm::SmallString<256> absolute(file);
  llvm::sys::fs::make_absolute(absolute);
  return forDirectory(std::string(llvm::sys::path::parent_path(absolute)));
}

Result<const Config*> ConfigSet::forDirectory(const std::string& start) {
  std::lock_guard lock(mutex_);
  std::vector<std::string> visited;
  const Config* found = nullptr;
  for (std::string dir = start; !dir.empty();
       dir = std::string(llvm::sys::path::parent_path(dir))) {
    if (auto it = byDirectory_.find(dir); it != byDirectory_.end()) {
      found = it->second ? &*it->second : nullptr;
      break;
    }
    llvm::SmallString<256> candidate(dir);
    llvm::sys::path::append(candidate, kConfigFileName);
    if (llvm::sys::fs::exists(candidate)) {
      auto loaded = loadConfig(std::string(candidate));
      if (!loaded) return loaded.error();
      found = &*byDirectory_.emplace(dir, std::move(loaded.value())).first->second;
      break;
    }
    visited.push_back(dir);
    if (llvm::sys::path::parent_path(dir) == dir) break;
  }
  // Every directory walked through shares the answer, so the next file there costs a lookup.
  for (const auto& dir : visited)
    byDirectory_.emplace(dir, found ? std::optional<Config>(*found) : std::nullopt);
  return found;
}

}  // namespace coscope::lint
