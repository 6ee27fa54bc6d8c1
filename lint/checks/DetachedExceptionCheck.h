#pragma once

#include <clang-tidy/ClangTidyCheck.h>
#include <llvm/ADT/DenseMap.h>
#include <llvm/ADT/DenseSet.h>

#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::coscope {

/// Finds co_spawn(executor, work, detached) where the spawned coroutine can visibly throw: a
/// throw expression in its body, or a call (up to CallDepth levels deep, within the translation
/// unit) to a function that throws or to a function listed in ThrowingFunctions, not caught on
/// the way. The detached token ignores the std::exception_ptr the coroutine completes with, so
/// the exception is lost silently. Notes lead from the co_spawn to the throw site.
///
/// For the user-facing documentation see docs/checks/coscope-detached-exception.md.
class DetachedExceptionCheck : public ClangTidyCheck {
 public:
  static constexpr llvm::StringLiteral DetachedTokensOption = "DetachedTokens";
  static constexpr llvm::StringLiteral ThrowingFunctionsOption = "ThrowingFunctions";
  static constexpr llvm::StringLiteral SpawnFunctionsOption = "SpawnFunctions";
  static constexpr llvm::StringLiteral CallDepthOption = "CallDepth";

  // Where an exception can leave a function: the throw (or catalogued call), the calls that lead
  // to it from the function, and the thrown class when known (null: unknown, assumed to derive
  // from std::exception).
  struct ThrowSite {
    const Stmt* Site = nullptr;
    const CXXRecordDecl* Type = nullptr;
    std::vector<const Expr*> Chain;  // calls and constructions the exception comes through
    // A thrown value of no class type (`throw 42`, `throw "text"`): its canonical type.
    const clang::Type* Scalar = nullptr;
  };

  DetachedExceptionCheck(StringRef Name, ClangTidyContext* Context);
  void storeOptions(ClangTidyOptions::OptionMap& Opts) override;
  void registerMatchers(ast_matchers::MatchFinder* Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult& Result) override;
  bool isLanguageVersionSupported(const LangOptions& LangOpts) const override {
    return LangOpts.CPlusPlus20;
  }

 private:
  bool isDetachedToken(const Expr& Token) const;
  std::optional<ThrowSite> throwingSite(const FunctionDecl& Function, unsigned Depth);
  void collect(const Stmt* S, unsigned Depth, bool Awaited, std::vector<ThrowSite>& Out);

  const std::string DetachedTokens;     // default "boost::asio::detached;asio::detached"
  const std::string ThrowingFunctions;  // default: std::stoi & co, at(), optional::value, ...
  // default "boost::asio::co_spawn;asio::co_spawn;coscope::co_spawn" (the tracer's drop-in)
  const std::string SpawnFunctions;
  const unsigned CallDepth;  // default 3: calls followed below the spawned function
  std::vector<std::string> DetachedTokenNames;
  std::vector<std::string> ThrowingFunctionNames;
  std::vector<std::string> SpawnFunctionNames;

  // Per function and remaining depth: where it can throw (nullopt: it cannot, as far as we can
  // see). A function being analysed is entered as nullopt first, so recursion ends.
  llvm::DenseMap<std::pair<const FunctionDecl*, unsigned>, std::optional<ThrowSite>> Throws;
  llvm::DenseSet<unsigned> Reported;
  const ASTContext* AST = nullptr;  // the translation unit being checked
};

}  // namespace clang::tidy::coscope
