#pragma once

#include <clang-tidy/ClangTidyCheck.h>
#include <llvm/ADT/DenseMap.h>
#include <llvm/ADT/DenseSet.h>
#include <llvm/ADT/StringSet.h>

#include <string>
#include <vector>

namespace clang::tidy::coscope {

/// Finds coroutine parameters that are references (lvalue or rvalue) or views
/// (std::string_view, std::span, configurable): the coroutine frame keeps the reference, not the
/// object, and the caller's object (often a temporary) may be gone when the coroutine resumes
/// (C++ Core Guidelines CP.53). Not reported when safety can be shown: the parameter is never
/// used, or the coroutine starts eagerly and only reads or copies the parameter before it can
/// first suspend, or every call of the coroutine seen in the translation unit is safe (awaited
/// where it is made, or passed an object that lives until main returns).
///
/// For the user-facing documentation see docs/checks/coscope-reference-param.md.
class ReferenceParamCheck : public ClangTidyCheck {
 public:
  static constexpr llvm::StringLiteral ViewTypesOption = "ViewTypes";
  static constexpr llvm::StringLiteral AllowedTypesOption = "AllowedTypes";
  static constexpr llvm::StringLiteral DefaultViewTypes = "std::basic_string_view;std::span";

  ReferenceParamCheck(StringRef Name, ClangTidyContext* Context);
  void storeOptions(ClangTidyOptions::OptionMap& Opts) override;
  void registerMatchers(ast_matchers::MatchFinder* Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult& Result) override;
  void onEndOfTranslationUnit() override;
  bool isLanguageVersionSupported(const LangOptions& LangOpts) const override {
    return LangOpts.CPlusPlus20;
  }

 private:
  bool isView(QualType Type) const;
  bool isAllowed(QualType Type) const;
  void checkCoroutine(const FunctionDecl& Coroutine, const CoroutineBodyStmt& Body,
                      ASTContext& Context);
  void recordAwaited(const Expr* Operand);
  bool outlivesEveryTask(const Expr* Arg);
  // Whether every call of the coroutine in the translation unit is safe for the parameter at
  // Index (awaited where it is made, or passed an object that lives until main returns), and
  // if not, the first unsafe call when some other call is safe (for a note).
  struct CallerVerdict {
    bool Safe = false;
    const Expr* Culprit = nullptr;  // the first unsafe call, when another call is safe
  };
  CallerVerdict judgeCallers(const FunctionDecl& Coroutine, unsigned Index);

  // A parameter the body alone does not make safe: reported at the end of the translation unit
  // unless every call of the coroutine is safe (the calls may come after the definition).
  struct Finding {
    const FunctionDecl* Coroutine;
    const ParmVarDecl* Param;
    std::string Spelled;  // the type as written
    const char* Kind;     // "a reference", "a view", ...
    bool Reference;
    bool Eager;
    const DeclRefExpr* Culprit;
    int Why;  // Verdict::Why of the .cpp
  };
  std::vector<Finding> Findings;
  ASTContext* Context = nullptr;
  // Every reference to a function (key: the canonical template pattern or function), and which
  // of them are the callee of a call: the calls of a coroutine in the translation unit.
  llvm::DenseMap<const FunctionDecl*, std::vector<const Expr*>> References;
  llvm::DenseMap<const Expr*, const CallExpr*> CallOf;  // callee reference -> its call
  llvm::DenseSet<const CallExpr*> Awaited;  // calls whose result flows into a co_await operand
  llvm::DenseMap<const FunctionDecl*, llvm::DenseSet<const VarDecl*>> MainLocals;

  const std::string ViewTypes;     // default DefaultViewTypes: ';'-separated view classes
  const std::string AllowedTypes;  // default "": ';'-separated classes never reported
  llvm::StringSet<> ViewTypeNames;
  llvm::StringSet<> AllowedTypeNames;
  // A template's instantiations share the parameter's spelling: report it once.
  llvm::DenseSet<unsigned> Reported;
};

}  // namespace clang::tidy::coscope
