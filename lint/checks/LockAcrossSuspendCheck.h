#pragma once

#include <clang-tidy/ClangTidyCheck.h>
#include <llvm/ADT/DenseSet.h>
#include <llvm/ADT/StringSet.h>

#include <string>
#include <utility>

namespace clang::tidy::coscope {

/// Finds locks held at a co_await or co_yield: an RAII lock (std::lock_guard, std::unique_lock,
/// std::scoped_lock, std::shared_lock, any configured type or any `scoped_lockable` class) alive
/// and owning its mutex, or a mutex locked by hand (`m.lock()`) and not yet unlocked, on some
/// path of the coroutine's CFG to the suspension point. The coroutine may resume on another
/// thread (unlocking a mutex there is undefined behaviour), and while it is suspended every
/// other coroutine that wants the mutex blocks its thread.
///
/// For the user-facing documentation see docs/checks/coscope-lock-across-suspend.md.
class LockAcrossSuspendCheck : public ClangTidyCheck {
 public:
  static constexpr llvm::StringLiteral LockTypesOption = "LockTypes";
  static constexpr llvm::StringLiteral DefaultLockTypes =
      "std::lock_guard;std::unique_lock;std::scoped_lock;std::shared_lock";

  LockAcrossSuspendCheck(StringRef Name, ClangTidyContext* Context);
  void storeOptions(ClangTidyOptions::OptionMap& Opts) override;
  void registerMatchers(ast_matchers::MatchFinder* Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult& Result) override;
  bool isLanguageVersionSupported(const LangOptions& LangOpts) const override {
    return LangOpts.CPlusPlus20;
  }

 private:
  const std::string LockTypes;  // default DefaultLockTypes: ';'-separated RAII lock classes
  llvm::StringSet<> LockTypeNames;
  // Template instantiations share their spelling: report each (suspension, lock) pair once.
  llvm::DenseSet<std::pair<unsigned, unsigned>> Reported;
};

}  // namespace clang::tidy::coscope
