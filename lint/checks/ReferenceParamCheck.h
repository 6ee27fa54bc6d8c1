#pragma once

#include <clang-tidy/ClangTidyCheck.h>
#include <llvm/ADT/DenseSet.h>
#include <llvm/ADT/StringSet.h>

#include <string>

namespace clang::tidy::coscope {

/// Finds coroutine parameters that are references (lvalue or rvalue) or views
/// (std::string_view, std::span, configurable): the coroutine frame keeps the reference, not the
/// object, and the caller's object (often a temporary) may be gone when the coroutine resumes
/// (C++ Core Guidelines CP.53). Not reported when safety can be shown: the parameter is never
/// used, or the coroutine starts eagerly and only reads or copies the parameter before it can
/// first suspend.
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
  bool isLanguageVersionSupported(const LangOptions& LangOpts) const override {
    return LangOpts.CPlusPlus20;
  }

 private:
  bool isView(QualType Type) const;
  bool isAllowed(QualType Type) const;

  const std::string ViewTypes;     // default DefaultViewTypes: ';'-separated view classes
  const std::string AllowedTypes;  // default "": ';'-separated classes never reported
  llvm::StringSet<> ViewTypeNames;
  llvm::StringSet<> AllowedTypeNames;
  // A template's instantiations share the parameter's spelling: report it once.
  llvm::DenseSet<unsigned> Reported;
};

}  // namespace clang::tidy::coscope
