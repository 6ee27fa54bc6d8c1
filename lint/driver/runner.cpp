#include "driver/runner.h"

#include "driver/database.h"
#include "driver/source_text.h"
#include "driver/summaries.h"
#include "driver/user_code_tidy.h"

#include <clang-tidy/ClangTidy.h>
#include <clang-tidy/ClangTidyDiagnosticConsumer.h>
#include <clang-tidy/ClangTidyOptions.h>
#include <clang/Tooling/CompilationDatabase.h>
#include <llvm/Support/Path.h>
#include <llvm/Support/VirtualFileSystem.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <map>
#include <mutex>
#include <thread>

// Defined next to the module registration; reading it keeps that object file in the link.
extern volatile int CoscopeModuleAnchorSource;

namespace coscope::lint {
namespace {

namespace tidy = clang::tidy;
namespace tooling = clang::tooling;

// Options per file, in clang-tidy's order of priority: our defaults, the file's config (explicit
// or found upward), then --checks. The same keys a .clang-tidy file gives the plugin.
class OptionsProvider : public tidy::ClangTidyOptionsProvider {
 public:
  // extra: check options that win over every source (the cross-TU passes' SummaryFile and
  // SummaryOutput); checksOverride: replaces --checks (the collecting pass runs one check).
  OptionsProvider(ConfigSet& configs, const RunOptions& run,
                  std::map<std::string, std::string> extra = {},
                  std::optional<std::string> checksOverride = std::nullopt)
      : configs_(configs) {
    for (const auto& [key, value] : extra)
      overrides_.CheckOptions[key] = tidy::ClangTidyOptions::ClangTidyValue(value);
    defaults_ = tidy::ClangTidyOptions::getDefaults();
    defaults_.Checks = "-*,coscope-*";
    // Coroutine templates live in headers: report in every non-system header, once (the
    // runner drops the copies other translation units produce).
    defaults_.HeaderFilterRegex = ".*";
    // No carets: clang would print "N warnings generated." per file; we render diagnostics.
    defaults_.ExtraArgs =
        std::vector<std::string>{"-resource-dir=" + run.resourceDir, "-fno-caret-diagnostics"};
    if (run.checks) overrides_.Checks = *run.checks;
    if (checksOverride) overrides_.Checks = *checksOverride;
  }
  const tidy::ClangTidyGlobalOptions& getGlobalOptions() override { return global_; }
  std::vector<OptionsSource> getRawOptions(llvm::StringRef file) override {
    std::vector<OptionsSource> sources{{defaults_, OptionsSourceTypeDefaultBinary}};
    if (auto config = configs_.forFile(file.str()); config && config.value()) {
      const Config& c = *config.value();
      tidy::ClangTidyOptions fromConfig;
      fromConfig.Checks = c.checks;
      for (const auto& [key, value] : c.checkOptions())
        fromConfig.CheckOptions[key] = tidy::ClangTidyOptions::ClangTidyValue(value);
      sources.emplace_back(std::move(fromConfig), c.path);
    }
    if (overrides_.Checks || !overrides_.CheckOptions.empty())
      sources.emplace_back(overrides_, OptionsSourceTypeCheckCommandLineOption);
    return sources;
  }

 private:
  ConfigSet& configs_;
  tidy::ClangTidyGlobalOptions global_;
  tidy::ClangTidyOptions defaults_;
  tidy::ClangTidyOptions overrides_;
};

std::string absolutePath(llvm::StringRef path, llvm::StringRef base) {
  llvm::SmallString<256> full(path);
  if (!llvm::sys::path::is_absolute(full) && !base.empty()) {
    full = base;
    llvm::sys::path::append(full, path);
  }
  llvm::sys::fs::make_absolute(full);
  llvm::sys::path::remove_dots(full, true);
  return std::string(full);
}

Finding convert(const tidy::ClangTidyError& error, SourceText& text) {
  Finding f;
  f.check = error.DiagnosticName;
  f.level = error.DiagLevel == tidy::ClangTidyError::Error ? Level::Error : Level::Warning;
  const auto& message = error.Message;
  const std::string file =
      message.FilePath.empty() ? "" : absolutePath(message.FilePath, error.BuildDirectory);
  f.where = text.locate(file, message.FileOffset);
  f.message = message.Message;
  if (f.where.line > 0) f.lineText = text.line(file, f.where.line);
  for (const auto& note : error.Notes) {
    const std::string noteFile =
        note.FilePath.empty() ? "" : absolutePath(note.FilePath, error.BuildDirectory);
    f.notes.push_back({text.locate(noteFile, note.FileOffset), note.Message});
  }
  return f;
}

struct Shared {
  std::mutex mutex;
  LintOutput output;
  SourceText text;
  std::size_t done = 0;
};

void lintOne(const std::string& file, const tooling::CompilationDatabase& db, ConfigSet& configs,
             const RunOptions& options, const std::string& summaryFile, Shared& shared) {
  std::map<std::string, std::string> extra;
  if (!summaryFile.empty()) extra["coscope-blocking-call.SummaryFile"] = summaryFile;
  tidy::ClangTidyContext context(std::make_unique<OptionsProvider>(configs, options, extra));
  // A physical file system per worker: the shared real one would chdir the whole process.
  auto fs = llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(
      llvm::vfs::createPhysicalFileSystem());
  const auto errors = runChecksOnUserCode(context, db, file, fs);

  std::lock_guard lock(shared.mutex);
  bool failed = db.getCompileCommands(file).empty();
  if (failed)
    shared.output.errors.push_back({"clang-diagnostic-error",
                                    Level::Error,
                                    {file, 0, 0},
                                    "no compile command for this file",
                                    {},
                                    {},
                                    {}});
  for (const auto& error : errors) {
    Finding f = convert(error, shared.text);
    if (f.check == "clang-tidy-config") {
      shared.output.configProblems.push_back(f.message);
    } else if (f.level == Level::Error) {
      failed = true;
      shared.output.errors.push_back(std::move(f));
    } else {
      shared.output.findings.push_back(std::move(f));
    }
  }
  if (failed) shared.output.failedFiles.push_back(file);
  ++shared.done;
  if (options.progress)
    std::fprintf(stderr, "\r\033[K[%zu/%zu] %s", shared.done, options.files.size(), file.c_str());
}

constexpr const char* kBlockingCall = "coscope-blocking-call";

// Phases 1 and 2 of cross-TU transitive blocking over every file of the database (a checked
// file may call functions defined in any of them). Returns the merged summaries' path, or ""
// when cross-TU does not apply: no database directory to cache in, or the check is off.
Result<std::string> crossTuSummaries(const tooling::CompilationDatabase& db, ConfigSet& configs,
                                     const RunOptions& options) {
  if (options.noCrossTu || options.hasFixedArgs) return std::string();
  std::string cacheDir = options.cacheDir;
  if (cacheDir.empty() && !options.buildDir.empty())
    cacheDir = absolutePath(".coscope-lint-cache", absolutePath(options.buildDir, ""));
  if (cacheDir.empty()) return std::string();
  OptionsProvider probe(configs, options);
  const auto enabled = tidy::getCheckNames(probe.getOptions(options.files.front()), false);
  if (std::find(enabled.begin(), enabled.end(), kBlockingCall) == enabled.end())
    return std::string();

  std::vector<std::string> all;
  for (const auto& file : db.getAllFiles()) all.push_back(absolutePath(file, ""));
  SummaryPass pass;
  pass.cacheDir = cacheDir;
  pass.jobs = options.jobs;
  pass.keyText = [&](const std::string& file) {
    std::string text;
    for (const auto& command : db.getCompileCommands(file)) {
      text += command.Directory + '\n';
      for (const auto& arg : command.CommandLine) text += arg + '\0';
    }
    // The check's options (catalog, allowed functions and files, depth) shape the summaries.
    OptionsProvider provider(configs, options);
    for (const auto& [key, value] : provider.getOptions(file).CheckOptions)
      if (llvm::StringRef(key).starts_with(std::string(kBlockingCall) + "."))
        text += key.str() + '=' + value.Value + '\n';
    return text;
  };
  pass.collect = [&](const std::string& file, const std::string& output) {
    tidy::ClangTidyContext context(std::make_unique<OptionsProvider>(
        configs, options,
        std::map<std::string, std::string>{{std::string(kBlockingCall) + ".SummaryOutput", output}},
        std::string("-*,") + kBlockingCall));
    auto fs = llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(
        llvm::vfs::createPhysicalFileSystem());
    // A file with clang errors is left out of the graph, but its entry is cached (invalidated
    // when the file or a header it read changes): re-parsing a broken file on every run would
    // make each run as slow as a cold one. Its errors are not printed here: the file may not
    // be one the user asked for, and a checked one has them printed by the report pass.
    const auto errors = runChecksOnUserCode(context, db, file, fs);
    if (std::any_of(errors.begin(), errors.end(), [](const tidy::ClangTidyError& error) {
          return error.DiagLevel == tidy::ClangTidyError::Error;
        }))
      return SummaryPass::Collected::ParseErrors;
    return llvm::sys::fs::exists(output) ? SummaryPass::Collected::Summaries
                                         : SummaryPass::Collected::Nothing;
  };
  SummaryStats stats;
  auto merged = buildMergedSummaries(all, pass, stats);
  if (merged && options.stats)
    std::fprintf(stderr,
                 "coscope-lint: cross-TU summaries of %zu files: %zu from the cache, %zu computed, "
                 "%zu failed (%.2f s)\n",
                 stats.files, stats.cached, stats.computed, stats.failed, stats.seconds);
  return merged;
}

}  // namespace

std::string defaultResourceDir() {
  return COSCOPE_CLANG_RESOURCE_DIR;
}

Result<LintOutput> runLint(const RunOptions& requested) {
  (void)CoscopeModuleAnchorSource;
  RunOptions options = requested;
  auto db = openDatabase(options);
  if (!db) return db.error();
  // A directory names every database file below it: `coscope-lint -p build examples`.
  const auto all = db.value()->getAllFiles();
  std::vector<std::string> files;
  for (const auto& named : options.files) {
    const std::string path = absolutePath(named, "");
    if (!llvm::sys::fs::is_directory(path)) {
      files.push_back(path);
      continue;
    }
    for (const auto& file : all)
      if (llvm::StringRef(absolutePath(file, "")).starts_with(path + "/"))
        files.push_back(absolutePath(file, ""));
  }
  options.files = requested.files.empty() ? all : files;
  if (options.files.empty()) return Error{"no files to check"};
  for (auto& file : options.files) file = absolutePath(file, "");
  std::sort(options.files.begin(), options.files.end());
  options.files.erase(std::unique(options.files.begin(), options.files.end()), options.files.end());

  std::optional<Config> explicitConfig;
  if (options.configFile) {
    auto loaded = loadConfig(*options.configFile);
    if (!loaded) return loaded.error();
    explicitConfig = std::move(loaded.value());
  }
  ConfigSet configs(std::move(explicitConfig));
  // Config problems are usage errors (exit 2) and must surface before any file is parsed.
  for (const auto& file : options.files) {
    if (!llvm::sys::fs::exists(file)) return Error{file + ": no such file"};
    auto config = configs.forFile(file);
    if (!config) return config.error();
    if (config.value())
      if (auto valid = validateConfig(*config.value()); !valid) return valid.error();
  }

  auto summaryFile = crossTuSummaries(*db.value(), configs, options);
  if (!summaryFile) return summaryFile.error();

  Shared shared;
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    for (std::size_t i = next++; i < options.files.size(); i = next++)
      lintOne(options.files[i], *db.value(), configs, options, summaryFile.value(), shared);
  };
  const unsigned jobs = std::max(1u, std::min<unsigned>(options.jobs, options.files.size()));
  std::vector<std::thread> threads;
  for (unsigned i = 1; i < jobs; ++i) threads.emplace_back(worker);
  worker();
  for (auto& t : threads) t.join();
  if (options.progress) std::fprintf(stderr, "\r\033[K");
  if (!summaryFile.value().empty()) llvm::sys::fs::remove(summaryFile.value());

  LintOutput& out = shared.output;
  out.filesChecked = options.files.size();
  auto byPlace = [](const Finding& a, const Finding& b) {
    return std::tie(a.where.file, a.where.line, a.where.column, a.message) <
           std::tie(b.where.file, b.where.line, b.where.column, b.message);
  };
  std::sort(out.findings.begin(), out.findings.end(), byPlace);
  auto samePlace = [](const Finding& a, const Finding& b) {
    return a.check == b.check && a.where.file == b.where.file && a.where.line == b.where.line &&
           a.where.column == b.where.column && a.message == b.message;
  };
  out.findings.erase(std::unique(out.findings.begin(), out.findings.end(), samePlace),
                     out.findings.end());
  std::sort(out.errors.begin(), out.errors.end(), byPlace);
  std::sort(out.failedFiles.begin(), out.failedFiles.end());
  return std::move(out);
}

Result<std::vector<std::string>> enabledChecks(const RunOptions& options, const std::string& file) {
  (void)CoscopeModuleAnchorSource;
  std::optional<Config> explicitConfig;
  if (options.configFile) {
    auto loaded = loadConfig(*options.configFile);
    if (!loaded) return loaded.error();
    explicitConfig = std::move(loaded.value());
  }
  ConfigSet configs(std::move(explicitConfig));
  if (auto config = configs.forFile(file); !config) return config.error();
  OptionsProvider provider(configs, options);
  std::vector<std::string> names;
  for (auto& name : tidy::getCheckNames(provider.getOptions(file), false))
    if (llvm::StringRef(name).starts_with("coscope-")) names.push_back(name);
  return names;
}

}  // namespace coscope::lint
