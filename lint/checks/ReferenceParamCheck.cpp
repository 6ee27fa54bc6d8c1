#include "checks/ReferenceParamCheck.h"

#include "catalog/catalog.h"
#include "checks/CoroutineSuspensions.h"
#include "checks/QualifiedName.h"

#include <clang/AST/ASTContext.h>
#include <clang/AST/ParentMap.h>
#include <clang/AST/RecursiveASTVisitor.h>
#include <clang/ASTMatchers/ASTMatchFinder.h>

#include <functional>
#include <optional>
#include <vector>

using namespace clang::ast_matchers;

namespace clang::tidy::coscope {
namespace {

// The class (or class template) a type names, through typedefs, also when it is dependent
// (`std::basic_string_view<CharT>` in a template).
const NamedDecl* namedClass(QualType Type) {
  Type = Type.getNonReferenceType();
  if (const auto* Record = Type->getAsCXXRecordDecl()) return Record;
  if (const auto* Spec = Type->getAs<TemplateSpecializationType>())
    if (const auto* Template = Spec->getTemplateName().getAsTemplateDecl())
      return Template->getTemplatedDecl();
  return nullptr;
}

bool namedIn(QualType Type, const llvm::StringSet<>& Names) {
  const NamedDecl* Class = namedClass(Type);
  return Class && Class->getIdentifier() && Names.contains(qualifiedName(*Class));
}

struct Use {
  const DeclRefExpr* Ref;
  bool InLambda;  // a lambda may run, with the reference it captured, at any later time
};

class UseCollector : public RecursiveASTVisitor<UseCollector> {
 public:
  explicit UseCollector(const ValueDecl& Param) : Param(Param) {}
  bool TraverseLambdaExpr(LambdaExpr* Lambda) {
    ++LambdaDepth;
    const bool Result = RecursiveASTVisitor::TraverseLambdaExpr(Lambda);
    --LambdaDepth;
    return Result;
  }
  bool VisitDeclRefExpr(DeclRefExpr* Ref) {
    if (Ref->getDecl()->getCanonicalDecl() == Param.getCanonicalDecl())
      Uses.push_back({Ref, LambdaDepth > 0});
    return true;
  }
  std::vector<Use> Uses;

 private:
  const ValueDecl& Param;
  int LambdaDepth = 0;
};

bool isStdMoveOrForward(const CallExpr& Call) {
  const auto* Callee = Call.getDirectCallee();
  if (!Callee || Call.getNumArgs() != 1 || !Callee->getDeclName().isIdentifier()) return false;
  const auto Name = qualifiedName(*Callee);
  return Name == "std::move" || Name == "std::forward";
}

bool isOwningString(QualType Type) {
  const NamedDecl* Class = namedClass(Type);
  return Class && Class->getIdentifier() && qualifiedName(*Class) == "std::basic_string";
}

// A result that cannot refer to the parameter's object: a number, a bool, an enum, nothing,
// or a std::string (owning).
bool isPlainValue(QualType Type) {
  Type = Type.getCanonicalType();
  return Type->isVoidType() || Type->isArithmeticType() || Type->isEnumeralType() ||
         (!Type->isReferenceType() && isOwningString(Type));
}

// Whether this use of the parameter leaves nothing behind that refers to the object: the value
// is read, written, or copied into an object of its own. Binding it to a reference, a pointer,
// an iterator or a view, or handing it to a function (which may keep it), is an escape.
bool consumedInPlace(const DeclRefExpr& Ref, const ParentMap& Parents, const ASTContext& Context,
                     const std::function<bool(QualType)>& IsView) {
  const Expr* E = &Ref;
  for (int Depth = 0; Depth < 32; ++Depth) {
    const Stmt* Parent = Parents.getParent(E);
    if (!Parent) return false;
    if (const auto* Cast = dyn_cast<ImplicitCastExpr>(Parent)) {
      if (Cast->getCastKind() == CK_LValueToRValue) return true;
      if (Cast->getCastKind() != CK_NoOp && Cast->getCastKind() != CK_DerivedToBase &&
          Cast->getCastKind() != CK_UncheckedDerivedToBase)
        return false;  // array-to-pointer decay and the like point into the object
      E = Cast;
    } else if (isa<ParenExpr>(Parent) || isa<MaterializeTemporaryExpr>(Parent) ||
               isa<ExprWithCleanups>(Parent)) {
      E = cast<Expr>(Parent);
    } else if (const auto* Construct = dyn_cast<CXXConstructExpr>(Parent)) {
      // A copy of its own, or a std::string built from a view; not a view copy.
      if (IsView(Construct->getType())) return false;
      return isOwningString(Construct->getType()) ||
             Construct->getConstructor()->isCopyOrMoveConstructor();
    } else if (const auto* Member = dyn_cast<MemberExpr>(Parent)) {
      if (isa<FieldDecl>(Member->getMemberDecl())) {
        E = Member;  // a field of the object: follow it like the object
        continue;
      }
      const auto* Call = dyn_cast_or_null<CXXMemberCallExpr>(Parents.getParent(Member));
      if (!Call || !Call->getMethodDecl()) return false;
      if (Call->getMethodDecl()->getReturnType()->isLValueReferenceType()) {
        E = Call;  // `v[0]`, `s.front()`: still inside the object
        continue;
      }
      return isPlainValue(Call->getType());  // `s.size()`, `s.substr(1)`, not `s.data()`
    } else if (const auto* Op = dyn_cast<CXXOperatorCallExpr>(Parent)) {
      // Only the object of an operator is followed (`v[i]`, `s == t`, `x = 1`); an operand
      // bound to the operator's reference parameter may be kept (`views[sv] = 1`).
      if (Op->getNumArgs() == 0 || Op->getArg(0) != E) return false;
      if (Op->isAssignmentOp()) return true;  // written now
      if (Op->getCallReturnType(Context)->isLValueReferenceType()) {
        E = Op;
        continue;
      }
      return isPlainValue(Op->getType());
    } else if (const auto* Binary = dyn_cast<BinaryOperator>(Parent)) {
      return Binary->isAssignmentOp() && Binary->getLHS() == E;  // written now
    } else if (const auto* Unary = dyn_cast<UnaryOperator>(Parent)) {
      return Unary->isIncrementDecrementOp();  // `&x` is an escape
    } else if (const auto* Call = dyn_cast<CallExpr>(Parent)) {
      if (!isStdMoveOrForward(*Call)) return false;
      E = Call;
    } else {
      return false;
    }
  }
  return false;
}

// Why a parameter is safe, or the use that makes it unsafe (null: every use comes too late).
struct Verdict {
  bool Safe = false;
  const DeclRefExpr* Culprit = nullptr;
  enum { Late, Escapes, Captured, Promise } Why = Late;
};

}  // namespace

ReferenceParamCheck::ReferenceParamCheck(StringRef Name, ClangTidyContext* Context)
    : ClangTidyCheck(Name, Context),
      ViewTypes(Options.get(ViewTypesOption, DefaultViewTypes)),
      AllowedTypes(Options.get(AllowedTypesOption, "")) {
  for (const auto& Type : ::coscope::lint::splitList(ViewTypes)) ViewTypeNames.insert(Type);
  for (const auto& Type : ::coscope::lint::splitList(AllowedTypes)) AllowedTypeNames.insert(Type);
}

void ReferenceParamCheck::storeOptions(ClangTidyOptions::OptionMap& Opts) {
  Options.store(Opts, ViewTypesOption, ViewTypes);
  Options.store(Opts, AllowedTypesOption, AllowedTypes);
}

bool ReferenceParamCheck::isView(QualType Type) const {
  return !Type->isReferenceType() && namedIn(Type, ViewTypeNames);
}

bool ReferenceParamCheck::isAllowed(QualType Type) const {
  return namedIn(Type, AllowedTypeNames);
}

void ReferenceParamCheck::registerMatchers(MatchFinder* Finder) {
  Finder->addMatcher(functionDecl(isDefinition(), unless(isExpansionInSystemHeader()),
                                  hasBody(coroutineBodyStmt().bind("body")))
                         .bind("coroutine"),
                     this);
}

void ReferenceParamCheck::check(const MatchFinder::MatchResult& Result) {
  const auto* Coroutine = Result.Nodes.getNodeAs<FunctionDecl>("coroutine");
  const auto* Body = Result.Nodes.getNodeAs<CoroutineBodyStmt>("body");
  if (!Coroutine || !Body) return;
  // Templates are judged in their instantiations, where the promise type (eager or lazy) is
  // known; a function template nobody instantiates is judged on its own.
  if (Coroutine->isDependentContext()) {
    const auto* Template = Coroutine->getDescribedFunctionTemplate();
    if (!Template || !Template->specializations().empty()) return;
  }
  const bool Eager = startsEagerly(*Body);
  std::unique_ptr<CFG> Graph;
  std::optional<AfterSuspension> After;
  std::optional<ParentMap> Parents;
  const auto IsView = [this](QualType Type) { return isView(Type); };

  for (const ParmVarDecl* Param : Coroutine->parameters()) {
    const QualType Type = Param->getType();
    const bool Reference = Type->isReferenceType();
    if ((!Reference && !isView(Type)) || isAllowed(Type)) continue;
    // A promise constructor (or operator new) taking the coroutine's parameters may keep a
    // reference for the whole life of the coroutine, outside the body.
    // They receive the frame's copy of the parameter (a reference to the same object), made
    // by one of the parameter moves.
    const ValueDecl* Copy = Param;
    for (const Stmt* Move : Body->getParamMoves())
      if (const auto* Decl = dyn_cast<DeclStmt>(Move); Decl && Decl->isSingleDecl())
        if (const auto* Var = dyn_cast<VarDecl>(Decl->getSingleDecl()); Var && Var->getInit())
          if (const auto* Ref = dyn_cast<DeclRefExpr>(Var->getInit()->IgnoreImplicit());
              Ref && Ref->getDecl() == Param)
            Copy = Var;
    UseCollector PromiseUses(*Copy);
    if (const VarDecl* Promise = Body->getPromiseDecl())
      PromiseUses.TraverseStmt(const_cast<Expr*>(Promise->getInit()));
    PromiseUses.TraverseStmt(Body->getAllocate());
    UseCollector Collector(*Param);
    Collector.TraverseStmt(Body->getBody());
    if (Collector.Uses.empty() && PromiseUses.Uses.empty()) continue;  // nothing can dangle

    Verdict Judged;
    if (!PromiseUses.Uses.empty()) {
      Judged = {false, PromiseUses.Uses.front().Ref, Verdict::Promise};
    } else if (Eager) {
      if (!Graph) {
        Graph = buildBodyCFG(*Coroutine, *Body, *Result.Context);
        if (Graph) After.emplace(*Graph);
        Parents.emplace(Body->getBody());
      }
      Judged.Safe = Graph != nullptr;
      for (const Use& U : Collector.Uses) {
        if (U.InLambda) {
          Judged = {false, U.Ref, Verdict::Captured};
          break;
        }
        if (After->mayRunAfterSuspension(*U.Ref)) {
          Judged = {false, U.Ref, Verdict::Late};
          break;
        }
        if (!consumedInPlace(*U.Ref, *Parents, *Result.Context, IsView)) {
          Judged = {false, U.Ref, Verdict::Escapes};
          break;
        }
      }
    }
    if (Judged.Safe) continue;
    if (!Reported.insert(Param->getLocation().getRawEncoding()).second) continue;

    // Instantiations are reported with the type as written, so that every instantiation (and
    // both front ends, which may meet them in another order) say the same.
    const FunctionDecl* Pattern = Coroutine->getTemplateInstantiationPattern();
    const QualType Spelled = Pattern && Pattern->getNumParams() == Coroutine->getNumParams()
                                 ? Pattern->getParamDecl(Param->getFunctionScopeIndex())->getType()
                                 : Type;
    const auto* RValue = Spelled->getAs<RValueReferenceType>();
    const char* Kind = RValue && RValue->getPointeeType()->getAs<TemplateTypeParmType>() &&
                               !RValue->getPointeeType().hasQualifiers()
                           ? "a forwarding reference"
                       : RValue                           ? "an rvalue reference"
                       : Spelled->isLValueReferenceType() ? "a reference"
                                                          : "a view";
    diag(Param->getLocation(),
         "parameter '%0' of coroutine %1 is %2 ('%3'): the coroutine frame keeps only the %4, "
         "and what it refers to may be gone when the coroutine resumes (CP.53); take %5 by value")
        << Param->getName() << describeCoroutine(*Coroutine) << Kind
        << Spelled.getAsString(Result.Context->getPrintingPolicy())
        << (Reference ? "reference" : "view") << (Reference ? "the object" : "an owning type");
    if (Judged.Culprit && Judged.Why == Verdict::Promise)
      diag(Judged.Culprit->getLocation(),
           "'%0' is passed to the promise type's constructor, which may keep it for the whole "
           "life of the coroutine",
           DiagnosticIDs::Note)
          << Param->getName();
    else if (!Eager)
      diag(Coroutine->getLocation(),
           "coroutine %0 may suspend before its body runs (its initial_suspend() is not "
           "std::suspend_never), so even the first use of '%1' can come too late",
           DiagnosticIDs::Note)
          << describeCoroutine(*Coroutine) << Param->getName();
    else if (Judged.Culprit && Judged.Why == Verdict::Escapes)
      diag(Judged.Culprit->getLocation(),
           "'%0' escapes here: what it is bound or passed to may outlive the first suspension",
           DiagnosticIDs::Note)
          << Param->getName();
    else if (Judged.Culprit && Judged.Why == Verdict::Captured)
      diag(Judged.Culprit->getLocation(),
           "'%0' is used here by a lambda, which may run after a suspension", DiagnosticIDs::Note)
          << Param->getName();
    else if (Judged.Culprit)
      diag(Judged.Culprit->getLocation(), "'%0' is used here, after a suspension point",
           DiagnosticIDs::Note)
          << Param->getName();
  }
}

}  // namespace clang::tidy::coscope
