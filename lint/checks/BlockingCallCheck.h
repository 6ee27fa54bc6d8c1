#pragma once

#include "catalog/catalog.h"
#include "checks/PoolOffload.h"
#include "summary/summary.h"

#include <clang-tidy/ClangTidyCheck.h>
#include <llvm/ADT/DenseSet.h>
#include <llvm/ADT/StringMap.h>
#include <llvm/Support/GlobPattern.h>

#include <memory>
#include <string>
#include <vector>

namespace clang::tidy::coscope {

/// Finds calls to blocking functions (sleeps, file and socket I/O, locks, waits, Asio's
/// synchronous operations, nested event loops, sync-over-async) inside coroutine bodies, where
/// they stall the thread that runs every other coroutine of the executor. The innermost
/// enclosing callable decides: a plain lambda inside a coroutine is not the coroutine. Calls made
/// after Asio's offload to a thread_pool (`co_await post(bind_executor(pool, use_awaitable))`),
/// up to the next suspension in the same block, run on the pool and are not reported.
///
/// With TransitiveDepth > 0 a call inside a coroutine to a function whose definition reaches a
/// blocking call (through at most TransitiveDepth functions, not through coroutines, virtual
/// calls or lambdas) is reported too, with the chain as notes: within the translation unit, and
/// across the compilation database when coscope-lint hands the merged summaries over
/// (SummaryFile).
///
/// For the user-facing documentation see docs/checks/coscope-blocking-call.md.
class BlockingCallCheck : public ClangTidyCheck {
 public:
  // Option names, shared with the CLI's config translation and the options round-trip test.
  static constexpr llvm::StringLiteral CatalogFileOption = "CatalogFile";
  static constexpr llvm::StringLiteral BlockingFunctionsOption = "BlockingFunctions";
  static constexpr llvm::StringLiteral BlockingTypesOption = "BlockingTypes";
  static constexpr llvm::StringLiteral AllowedFunctionsOption = "AllowedFunctions";
  static constexpr llvm::StringLiteral AllowedFilesOption = "AllowedFiles";
  static constexpr llvm::StringLiteral TransitiveDepthOption = "TransitiveDepth";
  // Set by coscope-lint, not by users: where to read the merged summaries of every file, and
  // where to write this file's summaries (then nothing is reported).
  static constexpr llvm::StringLiteral SummaryFileOption = "SummaryFile";
  static constexpr llvm::StringLiteral SummaryOutputOption = "SummaryOutput";

  BlockingCallCheck(StringRef Name, ClangTidyContext* Context);
  void storeOptions(ClangTidyOptions::OptionMap& Opts) override;
  void registerMatchers(ast_matchers::MatchFinder* Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult& Result) override;
  void onEndOfTranslationUnit() override;
  bool isLanguageVersionSupported(const LangOptions& LangOpts) const override {
    return LangOpts.CPlusPlus20;
  }

 private:
  // The catalog entry that makes the call blocking, or null; CalledName receives the name to
  // report, the member qualified by the class of the object it is called on.
  const ::coscope::lint::CatalogEntry* lookup(const CallExpr& Call, const FunctionDecl& Callee,
                                              std::string& CalledName) const;
  bool inAllowedFile(SourceLocation Loc, const SourceManager& SM) const;
  // The catalog entry that makes a construction blocking, or null; TypeName receives the class.
  const ::coscope::lint::CatalogEntry* lookupConstruct(const CXXConstructExpr& Construct,
                                                       std::string& TypeName) const;
  void reportDirect(const ast_matchers::MatchFinder::MatchResult& Result);
  // Transitive blocking (BlockingCallTransitive.cpp).
  void summarize(const FunctionDecl& Definition, ASTContext& Context);
  void rememberCall(const CallExpr& Call, const FunctionDecl& Callee, const FunctionDecl& Coroutine,
                    const SourceManager& SM);
  void rememberConstruct(const CXXConstructExpr& Construct, const FunctionDecl& Coroutine,
                         const SourceManager& SM);
  void reportTransitive();
  void writeSummaries();

  const std::string CatalogFile;        // default "": the built-in catalog
  const std::string BlockingFunctions;  // default "": "name[=instead]" items, ';'-separated
  const std::string BlockingTypes;      // default "": classes whose construction blocks
  const std::string AllowedFunctions;   // default "": catalog names never reported
  const std::string AllowedFiles;       // default "": globs of files whose calls are not reported
  const unsigned TransitiveDepth;       // default 4: functions in a chain; 0: not transitive
  const std::string SummaryFile;        // default "": only this translation unit's summaries
  const std::string SummaryOutput;      // default "": report, do not write summaries

  std::unique_ptr<::coscope::lint::Catalog> Catalog;
  std::vector<std::string> AllowedFileGlobTexts;
  std::vector<llvm::GlobPattern> AllowedFileGlobs;
  // A template coroutine matches once per instantiation; report each spelling once.
  llvm::DenseSet<unsigned> Reported;
  PoolRegions OnPool;  // the statements of each coroutine that run on a thread_pool

  // This translation unit's function summaries, by USR, and the calls inside coroutines to
  // resolve once every definition has been seen.
  struct PendingCall {
    SourceLocation Loc;
    std::string CalleeUsr;
    std::string What;  // "call to 'f'", "construction of 'T'"

    const FunctionDecl* Coroutine;
  };
  llvm::StringMap<::coscope::lint::FunctionSummary> Summaries;
  std::vector<PendingCall> Pending;
  SourceManager* Sources = nullptr;  // notes of other files are loaded into it
};

}  // namespace clang::tidy::coscope
