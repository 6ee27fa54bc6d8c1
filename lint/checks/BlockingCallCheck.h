#pragma once

#include "catalog/catalog.h"

#include <clang-tidy/ClangTidyCheck.h>
#include <llvm/ADT/DenseSet.h>
#include <llvm/Support/GlobPattern.h>

#include <memory>
#include <string>
#include <vector>

namespace clang::tidy::coscope {

/// Finds calls to blocking functions (sleeps, file and socket I/O, locks, waits, Asio's
/// synchronous operations, nested event loops, sync-over-async) inside coroutine bodies, where
/// they stall the thread that runs every other coroutine of the executor. The innermost
/// enclosing callable decides: a plain lambda inside a coroutine is not the coroutine.
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

  BlockingCallCheck(StringRef Name, ClangTidyContext* Context);
  void storeOptions(ClangTidyOptions::OptionMap& Opts) override;
  void registerMatchers(ast_matchers::MatchFinder* Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult& Result) override;
  bool isLanguageVersionSupported(const LangOptions& LangOpts) const override {
    return LangOpts.CPlusPlus20;
  }

 private:
  // The catalog entry that makes the call blocking, or null; CalledName receives the name to
  // report, the member qualified by the class of the object it is called on.
  const ::coscope::lint::CatalogEntry* lookup(const CallExpr& Call, const FunctionDecl& Callee,
                                              std::string& CalledName) const;
  bool inAllowedFile(SourceLocation Loc, const SourceManager& SM) const;

  const std::string CatalogFile;        // default "": the built-in catalog
  const std::string BlockingFunctions;  // default "": "name[=instead]" items, ';'-separated
  const std::string BlockingTypes;      // default "": classes whose construction blocks
  const std::string AllowedFunctions;   // default "": catalog names never reported
  const std::string AllowedFiles;       // default "": globs of files whose calls are not reported

  std::unique_ptr<::coscope::lint::Catalog> Catalog;
  std::vector<std::string> AllowedFileGlobTexts;
  std::vector<llvm::GlobPattern> AllowedFileGlobs;
  // A template coroutine matches once per instantiation; report each spelling once.
  llvm::DenseSet<unsigned> Reported;
};

}  // namespace clang::tidy::coscope
