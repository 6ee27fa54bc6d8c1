#include "driver/summaries.h"

#include "summary/summary.h"

#include <llvm/Support/FileSystem.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/Path.h>
#include <llvm/Support/raw_ostream.h>
#include <llvm/Support/xxhash.h>

#include <unistd.h>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <optional>
#include <thread>

namespace coscope::lint {

extern const char kBuiltinCatalogJson[];

namespace {

std::optional<std::uint64_t> contentHash(const std::string& path) {
  auto buffer = llvm::MemoryBuffer::getFile(path);
  if (!buffer) return std::nullopt;
  return llvm::xxh3_64bits((*buffer)->getBuffer());
}

std::string hex(std::uint64_t value) {
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(value));
  return text;
}

// The tool's identity: a new catalog or summary format must not reuse old entries (v2: entries
// of files with clang errors are marked and left out of the graph).
std::string toolIdentity() {
  return std::string("coscope-lint " COSCOPE_VERSION " summaries v2 catalog ") +
         hex(llvm::xxh3_64bits(llvm::StringRef(kBuiltinCatalogJson)));
}

// A cached entry is usable while every file it was computed from has the same content.
std::optional<SummaryFile> validEntry(const std::string& path) {
  auto buffer = llvm::MemoryBuffer::getFile(path);
  if (!buffer) return std::nullopt;
  auto file = summariesFromJson((*buffer)->getBuffer());
  if (!file) return std::nullopt;
  for (const auto& dependency : file->dependencies)
    if (contentHash(dependency.file) != dependency.hash) return std::nullopt;
  return std::move(file.value());
}

// Replaces what the collecting pass wrote for a file with clang errors by an entry without
// functions: a partial summary may name a chain the code does not have (a call whose arguments
// did not parse picks another overload), and the docs promise such files stay out of the graph.
// The headers it read still invalidate the entry.
bool writeParseFailed(const std::string& file, const std::string& output) {
  SummaryFile failed;
  failed.parseFailed = true;
  if (auto buffer = llvm::MemoryBuffer::getFile(output))
    if (auto partial = summariesFromJson((*buffer)->getBuffer()))
      failed.dependencies = std::move(partial->dependencies);
  if (failed.dependencies.empty()) {
    auto content = contentHash(file);
    if (!content) return false;
    failed.dependencies.push_back({file, *content});
  }
  std::error_code error;
  llvm::raw_fd_ostream out(output, error);
  if (error) return false;
  out << summariesToJson(failed);
  return true;
}

}  // namespace

Result<std::string> buildMergedSummaries(const std::vector<std::string>& files,
                                         const SummaryPass& pass, SummaryStats& stats) {
  const auto start = std::chrono::steady_clock::now();
  if (auto error = llvm::sys::fs::create_directories(pass.cacheDir))
    return Error{"cannot create cache directory " + pass.cacheDir + ": " + error.message()};
  stats.files = files.size();
  const std::string identity = toolIdentity();

  std::mutex mutex;
  SummaryGraph graph;
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    for (std::size_t i = next++; i < files.size(); i = next++) {
      const std::string& file = files[i];
      const auto content = contentHash(file);
      if (!content) {
        std::lock_guard lock(mutex);
        ++stats.failed;
        continue;
      }
      const std::string key =
          hex(llvm::xxh3_64bits(identity + '\0' + hex(*content) + '\0' + pass.keyText(file)));
      llvm::SmallString<256> entry(pass.cacheDir);
      llvm::sys::path::append(entry, key + ".json");
      auto summaries = validEntry(std::string(entry));
      bool computed = false;
      if (!summaries) {
        // Written under a private name and renamed: parallel runs never read half a file.
        const std::string temporary =
            std::string(entry) + ".tmp" + std::to_string(getpid()) + "-" + std::to_string(i);
        bool written = false;
        switch (pass.collect(file, temporary)) {
          case SummaryPass::Collected::Summaries:
            written = true;
            break;
          case SummaryPass::Collected::ParseErrors:
            written = writeParseFailed(file, temporary);
            break;
          case SummaryPass::Collected::Nothing:
            break;
        }
        if (written && !llvm::sys::fs::rename(temporary, entry))
          summaries = validEntry(std::string(entry));
        llvm::sys::fs::remove(temporary);
        computed = true;
      }
      std::lock_guard lock(mutex);
      if (!summaries || summaries->parseFailed) {
        ++stats.failed;
        continue;
      }
      ++(computed ? stats.computed : stats.cached);
      graph.add(std::move(summaries->functions));
    }
  };
  const unsigned jobs = std::max(1u, std::min<unsigned>(pass.jobs, files.size()));
  std::vector<std::thread> threads;
  for (unsigned i = 1; i < jobs; ++i) threads.emplace_back(worker);
  worker();
  for (auto& thread : threads) thread.join();

  SummaryFile merged;
  merged.functions = graph.all();
  llvm::SmallString<256> path(pass.cacheDir);
  // One name per run: the check keeps a merged graph it has read for the life of the process.
  static std::atomic<unsigned> runs{0};
  llvm::sys::path::append(
      path, "merged-" + std::to_string(getpid()) + "-" + std::to_string(runs++) + ".json");
  std::error_code error;
  llvm::raw_fd_ostream out(path, error);
  if (error) return Error{"cannot write " + std::string(path) + ": " + error.message()};
  out << summariesToJson(merged);
  stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return std::string(path);
}

}  // namespace coscope::lint
