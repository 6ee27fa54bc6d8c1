#pragma once

#include <clang-tidy/ClangTidyCheck.h>
#include <llvm/ADT/DenseSet.h>

#include <string>
#include <vector>

namespace clang::tidy::coscope {

/// Finds calls whose result is an awaitable (a type with await_ready/await_suspend/await_resume,
/// a member or free operator co_await, or a type listed in AwaitableTypes such as
/// asio::awaitable) and is dropped: the expression of an expression statement, directly or
/// through a comma or conditional operator. A lazy coroutine that is never awaited never runs:
/// the C++ cousin of Python's "coroutine was never awaited". `(void)f();` is an explicit discard
/// and is not reported.
///
/// For the user-facing documentation see docs/checks/coscope-discarded-awaitable.md.
class DiscardedAwaitableCheck : public ClangTidyCheck {
 public:
  static constexpr llvm::StringLiteral AwaitableTypesOption = "AwaitableTypes";

  DiscardedAwaitableCheck(StringRef Name, ClangTidyContext* Context);
  void storeOptions(ClangTidyOptions::OptionMap& Opts) override;
  void registerMatchers(ast_matchers::MatchFinder* Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult& Result) override;
  bool isLanguageVersionSupported(const LangOptions& LangOpts) const override {
    return LangOpts.CPlusPlus20;
  }

 private:
  void checkDiscarded(const Expr* E, const ast_matchers::MatchFinder::MatchResult& Result);

  // default "boost::asio::awaitable;asio::awaitable": awaited through the promise's
  // await_transform, so nothing in the type itself says it is awaitable
  const std::string AwaitableTypes;
  std::vector<std::string> AwaitableTypeNames;
  // A template matches once per instantiation; report each spelling once.
  llvm::DenseSet<unsigned> Reported;
};

}  // namespace clang::tidy::coscope
