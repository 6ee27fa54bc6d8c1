#pragma once

#include <clang-tidy/ClangTidyCheck.h>
#include <llvm/ADT/DenseSet.h>

namespace clang::tidy::coscope {

/// Finds lambdas with captures whose body is a coroutine (C++ Core Guidelines CP.51). The
/// captures live in the lambda object, not in the coroutine frame: when the lambda (often a
/// temporary) is destroyed while the coroutine is suspended, the coroutine reads freed memory.
/// The diagnostic lists every capture, default captures resolved to the captured variables.
/// Exempt where the lambda provably outlives the coroutine: called and awaited in the same
/// expression (`co_await [x]() -> task<> { ... }()`); its by-copy captures when the lambda
/// object itself is moved into the coroutine (a C++23 explicit object parameter taken by value).
/// Asio's co_spawn of the lambda keeps the object in the frame: an awaited co_spawn is never
/// reported, a detached one only for by-reference captures of the spawner's own locals.
///
/// For the user-facing documentation see docs/checks/coscope-capturing-lambda-coroutine.md.
class CapturingLambdaCoroutineCheck : public ClangTidyCheck {
 public:
  CapturingLambdaCoroutineCheck(StringRef Name, ClangTidyContext* Context)
      : ClangTidyCheck(Name, Context) {}
  void registerMatchers(ast_matchers::MatchFinder* Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult& Result) override;
  bool isLanguageVersionSupported(const LangOptions& LangOpts) const override {
    return LangOpts.CPlusPlus20;
  }

 private:
  // The lambdas of a template's instantiations share their spelling: report each once.
  llvm::DenseSet<unsigned> Reported;
};

}  // namespace clang::tidy::coscope
