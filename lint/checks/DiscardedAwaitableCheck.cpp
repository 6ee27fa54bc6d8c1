#include "checks/DiscardedAwaitableCheck.h"

#include "catalog/catalog.h"
#include "checks/DiscardedBranch.h"
#include "checks/QualifiedName.h"

#include <clang/AST/ASTContext.h>
#include <clang/AST/ExprCXX.h>
#include <clang/AST/StmtCXX.h>
#include <clang/ASTMatchers/ASTMatchFinder.h>

using namespace clang::ast_matchers;

namespace clang::tidy::coscope {
namespace {

// Whether a parameter type names Record, also as the pattern of a template specialization:
// `template <class T> auto operator co_await(future<T>)` makes every future<T> awaitable.
bool namesRecord(QualType Type, const CXXRecordDecl& Record) {
  Type = Type.getNonReferenceType().getUnqualifiedType();
  const auto* Pattern = dyn_cast<ClassTemplateSpecializationDecl>(&Record);
  const CXXRecordDecl* Templated =
      Pattern ? Pattern->getSpecializedTemplate()->getTemplatedDecl() : nullptr;
  if (const auto* Other = Type->getAsCXXRecordDecl()) {
    if (Other->getCanonicalDecl() == Record.getCanonicalDecl()) return true;
    if (const auto* Spec = dyn_cast<ClassTemplateSpecializationDecl>(Other))
      Other = Spec->getSpecializedTemplate()->getTemplatedDecl();
    return Templated && Other->getCanonicalDecl() == Templated->getCanonicalDecl();
  }
  if (const auto* Spec = Type->getAs<TemplateSpecializationType>())
    if (const auto* Template = Spec->getTemplateName().getAsTemplateDecl())
      return Templated && Template->getTemplatedDecl() &&
             Template->getTemplatedDecl()->getCanonicalDecl() == Templated->getCanonicalDecl();
  return false;
}

bool isCoawaitFor(const NamedDecl* Decl, const CXXRecordDecl& Record) {
  if (const auto* Template = dyn_cast<FunctionTemplateDecl>(Decl))
    Decl = Template->getTemplatedDecl();
  const auto* Function = dyn_cast<FunctionDecl>(Decl);
  return Function && Function->getOverloadedOperator() == OO_Coawait &&
         Function->getNumParams() == 1 && namesRecord(Function->getParamDecl(0)->getType(), Record);
}

// The declaration that makes Record awaitable, or null. Members are looked up in the class and
// its bases; a free operator co_await where argument-dependent lookup finds it: the class's
// namespace and its friends.
const NamedDecl* awaitableReason(const CXXRecordDecl& Record, ASTContext& Context) {
  const auto Member = [&](const CXXRecordDecl& Class, DeclarationName Name) -> const NamedDecl* {
    const NamedDecl* Found = nullptr;
    const auto LookIn = [&](const CXXRecordDecl* C) {
      if (!Found && C->hasDefinition()) {
        auto R = C->getDefinition()->lookup(Name);
        if (!R.empty()) Found = R.front();
      }
    };
    LookIn(&Class);
    if (Class.hasDefinition())
      Class.getDefinition()->forallBases([&](const CXXRecordDecl* Base) {
        LookIn(Base);
        return true;
      });
    return Found;
  };
  auto& Idents = Context.Idents;
  const auto* Ready = Member(Record, DeclarationName(&Idents.get("await_ready")));
  if (Ready && Member(Record, DeclarationName(&Idents.get("await_suspend"))) &&
      Member(Record, DeclarationName(&Idents.get("await_resume"))))
    return Ready;
  const DeclarationName Coawait = Context.DeclarationNames.getCXXOperatorName(OO_Coawait);
  if (const auto* Op = Member(Record, Coawait)) return Op;
  // Hidden friends: ordinary lookup in the namespace does not see them, ADL does.
  const CXXRecordDecl* Pattern = &Record;
  if (const auto* Spec = dyn_cast<ClassTemplateSpecializationDecl>(&Record))
    Pattern = Spec->getSpecializedTemplate()->getTemplatedDecl();
  for (const auto* Class : {&Record, Pattern})
    for (const FriendDecl* Friend : Class->friends())
      if (const auto* Decl = Friend->getFriendDecl(); Decl && isCoawaitFor(Decl, Record))
        return Decl;
  for (const DeclContext* Scope :
       {Record.getEnclosingNamespaceContext(),
        static_cast<const DeclContext*>(Context.getTranslationUnitDecl())})
    for (const NamedDecl* Decl : Scope->getPrimaryContext()->lookup(Coawait))
      if (isCoawaitFor(Decl, Record)) return Decl;
  return nullptr;
}

// The statements whose value a full-expression child discards.
llvm::SmallVector<const Stmt*, 4> statementChildren(const Stmt& S) {
  llvm::SmallVector<const Stmt*, 4> Out;
  if (const auto* Block = dyn_cast<CompoundStmt>(&S)) {
    Out.append(Block->body_begin(), Block->body_end());
  } else if (const auto* If = dyn_cast<IfStmt>(&S)) {
    Out = {If->getThen(), If->getElse()};
  } else if (const auto* While = dyn_cast<WhileStmt>(&S)) {
    Out = {While->getBody()};
  } else if (const auto* For = dyn_cast<ForStmt>(&S)) {
    Out = {For->getInit(), For->getInc(), For->getBody()};
  } else if (const auto* Do = dyn_cast<DoStmt>(&S)) {
    Out = {Do->getBody()};
  } else if (const auto* Range = dyn_cast<CXXForRangeStmt>(&S)) {
    Out = {Range->getBody()};
  } else if (const auto* Case = dyn_cast<SwitchCase>(&S)) {
    Out = {Case->getSubStmt()};
  } else if (const auto* Label = dyn_cast<LabelStmt>(&S)) {
    Out = {Label->getSubStmt()};
  }
  return Out;
}

std::string describeCallee(const CallExpr& Call) {
  const FunctionDecl* Callee = Call.getDirectCallee();
  if (!Callee) return "the call";
  if (const auto* Method = dyn_cast<CXXMethodDecl>(Callee);
      Method && Method->getParent()->isLambda())
    return "the lambda call";
  return "'" + qualifiedName(*Callee) + "'";
}

}  // namespace

DiscardedAwaitableCheck::DiscardedAwaitableCheck(StringRef Name, ClangTidyContext* Context)
    : ClangTidyCheck(Name, Context),
      AwaitableTypes(
          Options.get(AwaitableTypesOption, "boost::asio::awaitable;asio::awaitable").str()) {
  for (auto& Type : ::coscope::lint::splitList(AwaitableTypes))
    AwaitableTypeNames.push_back(llvm::StringRef(Type).starts_with("::") ? Type.substr(2) : Type);
}

void DiscardedAwaitableCheck::storeOptions(ClangTidyOptions::OptionMap& Opts) {
  Options.store(Opts, AwaitableTypesOption, AwaitableTypes);
}

void DiscardedAwaitableCheck::registerMatchers(MatchFinder* Finder) {
  // Every statement that holds statements: their expression children are discarded values.
  Finder->addMatcher(stmt(unless(isExpansionInSystemHeader()),
                          anyOf(compoundStmt(), ifStmt(), whileStmt(), forStmt(), doStmt(),
                                cxxForRangeStmt(), switchCase(), labelStmt()))
                         .bind("statement"),
                     this);
}

void DiscardedAwaitableCheck::check(const MatchFinder::MatchResult& Result) {
  const auto* Statement = Result.Nodes.getNodeAs<Stmt>("statement");
  // A discarded `if constexpr` branch is not part of the program.
  if (!Statement || isInDiscardedBranch(*Statement, *Result.Context)) return;
  for (const Stmt* Child : statementChildren(*Statement))
    if (const auto* E = dyn_cast_or_null<Expr>(Child);
        E && !isDiscardedBranch(*Statement, *E, *Result.Context))
      checkDiscarded(E, Result);
}

// E's value is discarded. Walks through what does not consume the value: implicit wrappers,
// parentheses, both operands of a comma, both branches of a conditional. An explicit cast (to
// void) stops the walk: the author discarded the awaitable on purpose.
void DiscardedAwaitableCheck::checkDiscarded(const Expr* E,
                                             const MatchFinder::MatchResult& Result) {
  E = E->IgnoreImplicit()->IgnoreParens()->IgnoreImplicit();
  if (const auto* Comma = dyn_cast<BinaryOperator>(E); Comma && Comma->isCommaOp()) {
    checkDiscarded(Comma->getLHS(), Result);
    checkDiscarded(Comma->getRHS(), Result);
    return;
  }
  if (const auto* Conditional = dyn_cast<AbstractConditionalOperator>(E)) {
    checkDiscarded(Conditional->getTrueExpr(), Result);
    checkDiscarded(Conditional->getFalseExpr(), Result);
    return;
  }
  const auto* Call = dyn_cast<CallExpr>(E);
  if (!Call || !Call->isPRValue() || Call->isTypeDependent()) return;
  const auto* Record = Call->getType()->getAsCXXRecordDecl();
  if (!Record || !Record->hasDefinition()) return;

  const std::string TypeName = qualifiedName(*Record);
  const NamedDecl* Reason = nullptr;
  if (llvm::find(AwaitableTypeNames, TypeName) == AwaitableTypeNames.end()) {
    Reason = awaitableReason(*Record, *Result.Context);
    if (!Reason) return;
  }

  const SourceManager& SM = *Result.SourceManager;
  const SourceLocation Loc = SM.getExpansionLoc(Call->getBeginLoc());
  if (SM.isInSystemHeader(Loc) || !Reported.insert(Loc.getRawEncoding()).second) return;
  diag(Loc,
       "awaitable of type '%0' returned by %1 is discarded without being awaited: the "
       "work it stands for never runs")
      << TypeName << describeCallee(*Call) << Call->getSourceRange();
  diag(Loc,
       "co_await it, keep it to await later, or co_spawn it; cast it to void if dropping "
       "it is intended",
       DiagnosticIDs::Note);
  if (Reason)
    diag(Reason->getLocation(), "'%0' is awaitable because of this declaration",
         DiagnosticIDs::Note)
        << TypeName;
}

}  // namespace clang::tidy::coscope
