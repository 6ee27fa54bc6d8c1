#include "checks/ReferenceParamCheck.h"

#include "catalog/catalog.h"
#include "checks/CoroutineSuspensions.h"
#include "checks/DiscardedBranch.h"
#include "checks/QualifiedName.h"

#include <clang/AST/ASTContext.h>
#include <clang/AST/ParentMap.h>
#include <clang/AST/RecursiveASTVisitor.h>
#include <clang/ASTMatchers/ASTMatchFinder.h>

#include <algorithm>
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
  UseCollector(const ValueDecl& Param, const ASTContext& Context)
      : Param(Param), Context(Context) {}
  // A discarded `if constexpr` branch is not part of the program: no use there.
  bool TraverseIfStmt(IfStmt* If) {
    const std::optional<Stmt*> Kept = If->getNondiscardedCase(Context);
    if (!Kept || If->getCond()->containsErrors()) return RecursiveASTVisitor::TraverseIfStmt(If);
    for (Stmt* Part : {If->getInit(), static_cast<Stmt*>(If->getConditionVariableDeclStmt()),
                       static_cast<Stmt*>(If->getCond()), *Kept})
      if (Part && !TraverseStmt(Part)) return false;
    return true;
  }
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
  const ASTContext& Context;
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

// The function whose calls are collected together: a template's instantiations (and the
// template itself) share their pattern, so that every call of any of them counts.
const FunctionDecl* keyOf(const FunctionDecl& Function) {
  const FunctionDecl* Pattern = Function.getTemplateInstantiationPattern();
  return (Pattern ? Pattern : &Function)->getCanonicalDecl();
}

// What an expression is once the wrappers that keep its value are gone: parentheses, implicit
// conversions, temporaries materialized or bound, std::move.
const Expr* stripValue(const Expr* E) {
  while (E) {
    const Expr* Next = E->IgnoreImplicit()->IgnoreParens();
    if (const auto* Call = dyn_cast<CallExpr>(Next); Call && isStdMoveOrForward(*Call))
      Next = Call->getArg(0);
    else if (const auto* Construct = dyn_cast<CXXConstructExpr>(Next);
             Construct && Construct->getNumArgs() == 1 &&
             Construct->getConstructor()->isCopyOrMoveConstructor())
      Next = Construct->getArg(0);  // the awaitable moved into a parameter (co_spawn's)
    if (Next == E) return E;
    E = Next;
  }
  return E;
}

bool inNamespace(const NamedDecl& Decl, StringRef Prefix) {
  return StringRef(qualifiedName(Decl)).starts_with(Prefix);
}

// co_spawn(executor, awaitable, token), from Boost.Asio or standalone Asio.
bool isCoSpawn(const FunctionDecl& Callee) {
  if (!Callee.getDeclName().isIdentifier()) return false;
  const std::string Name = qualifiedName(Callee);
  return Name == "boost::asio::co_spawn" || Name == "asio::co_spawn";
}

// `a && b`, `a || b` of Asio's awaitable operators: awaiting the result waits for both
// operations to complete (the other one is cancelled first when one wins or fails, and the
// parallel group still waits for it).
bool isAwaitableOperator(const CXXOperatorCallExpr& Op) {
  if (Op.getOperator() != OO_AmpAmp && Op.getOperator() != OO_PipePipe) return false;
  const auto* Callee = Op.getDirectCallee();
  return Callee && (inNamespace(*Callee, "boost::asio::experimental::awaitable_operators::") ||
                    inNamespace(*Callee, "asio::experimental::awaitable_operators::"));
}

// The statements of main that run until main returns: the outermost block, and the block of a
// `try` that makes up main (a function-try-block, or a try statement followed by nothing but
// `return`s): once such a block is left, main only runs a handler and returns.
void collectMainLocals(const Stmt* Body, llvm::DenseSet<const VarDecl*>& Out) {
  const auto Collect = [&](const CompoundStmt& Block) {
    for (const Stmt* S : Block.body())
      if (const auto* Decl = dyn_cast<DeclStmt>(S))
        for (const auto* D : Decl->decls())
          if (const auto* Var = dyn_cast<VarDecl>(D)) Out.insert(Var);
  };
  const auto TryBlock = [&](const Stmt* S) {
    if (const auto* Try = dyn_cast_or_null<CXXTryStmt>(S)) Collect(*Try->getTryBlock());
  };
  if (const auto* Block = dyn_cast_or_null<CompoundStmt>(Body)) {
    Collect(*Block);
    for (auto It = Block->body_begin(); It != Block->body_end(); ++It)
      if (isa<CXXTryStmt>(*It) &&
          std::all_of(It + 1, Block->body_end(), [](const Stmt* S) { return isa<ReturnStmt>(S); }))
        TryBlock(*It);
  } else {
    TryBlock(Body);  // int main() try { ... } catch (...) { ... }
  }
}

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
  // The calls of the coroutines, judged at the end of the translation unit: every reference to
  // a function written outside the system headers, the call each one is the callee of, and the
  // operands of the co_awaits written in the code.
  const auto UserFunction = functionDecl(unless(isExpansionInSystemHeader()));
  Finder->addMatcher(declRefExpr(to(UserFunction)).bind("ref"), this);
  Finder->addMatcher(memberExpr(member(UserFunction)).bind("ref"), this);
  Finder->addMatcher(callExpr(callee(UserFunction)).bind("call"), this);
  Finder->addMatcher(expr(anyOf(coawaitExpr(), dependentCoawaitExpr())).bind("await"), this);
}

void ReferenceParamCheck::recordAwaited(const Expr* Operand) {
  const auto* E = stripValue(Operand);
  const auto* Call = dyn_cast_or_null<CallExpr>(E);
  if (!Call) return;
  Awaited.insert(Call);
  if (const auto* Op = dyn_cast<CXXOperatorCallExpr>(Call)) {
    if (isAwaitableOperator(*Op))
      for (const Expr* Arg : Op->arguments()) recordAwaited(Arg);
    return;
  }
  // co_spawn(ex, f(args), token) awaited: the token made co_spawn return something awaitable
  // (use_awaitable, deferred, as_tuple(use_awaitable), ...), and awaiting an Asio operation
  // resumes the caller when the operation completes, here when f's coroutine has finished.
  // A detached co_spawn returns void: it cannot be the operand, so no token list is needed.
  if (const FunctionDecl* Callee = Call->getDirectCallee();
      Callee && isCoSpawn(*Callee) && Call->getNumArgs() >= 2)
    recordAwaited(Call->getArg(1));
}

void ReferenceParamCheck::check(const MatchFinder::MatchResult& Result) {
  Context = Result.Context;
  if (const auto* Ref = Result.Nodes.getNodeAs<Expr>("ref")) {
    const auto* Function =
        dyn_cast<FunctionDecl>(isa<DeclRefExpr>(Ref) ? cast<DeclRefExpr>(Ref)->getDecl()
                                                     : cast<MemberExpr>(Ref)->getMemberDecl());
    if (Function) References[keyOf(*Function)].push_back(Ref);
    return;
  }
  if (const auto* Call = Result.Nodes.getNodeAs<CallExpr>("call")) {
    const Expr* Callee = Call->getCallee()->IgnoreParenImpCasts();
    if (isa<DeclRefExpr>(Callee) || isa<MemberExpr>(Callee)) CallOf[Callee] = Call;
    return;
  }
  if (const auto* Await = Result.Nodes.getNodeAs<Expr>("await")) {
    if (const auto* Suspend = dyn_cast<CoawaitExpr>(Await)) {
      if (!Suspend->isImplicit()) recordAwaited(Suspend->getOperand());
    } else if (const auto* Dependent = dyn_cast<DependentCoawaitExpr>(Await)) {
      recordAwaited(Dependent->getOperand());
    }
    return;
  }
  const auto* Coroutine = Result.Nodes.getNodeAs<FunctionDecl>("coroutine");
  const auto* Body = Result.Nodes.getNodeAs<CoroutineBodyStmt>("body");
  if (Coroutine && Body) checkCoroutine(*Coroutine, *Body, *Result.Context);
}

void ReferenceParamCheck::checkCoroutine(const FunctionDecl& CoroutineRef,
                                         const CoroutineBodyStmt& BodyRef, ASTContext& Ctx) {
  const FunctionDecl* Coroutine = &CoroutineRef;
  const CoroutineBodyStmt* Body = &BodyRef;
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
    UseCollector PromiseUses(*Copy, Ctx);
    if (const VarDecl* Promise = Body->getPromiseDecl())
      PromiseUses.TraverseStmt(const_cast<Expr*>(Promise->getInit()));
    PromiseUses.TraverseStmt(Body->getAllocate());
    UseCollector Collector(*Param, Ctx);
    Collector.TraverseStmt(Body->getBody());
    if (Collector.Uses.empty() && PromiseUses.Uses.empty()) continue;  // nothing can dangle

    Verdict Judged;
    if (!PromiseUses.Uses.empty()) {
      Judged = {false, PromiseUses.Uses.front().Ref, Verdict::Promise};
    } else if (Eager) {
      if (!Graph) {
        Graph = buildBodyCFG(*Coroutine, *Body, Ctx);
        if (Graph) After.emplace(*Graph, discardedStatements(*Body->getBody(), Ctx));
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
        if (!consumedInPlace(*U.Ref, *Parents, Ctx, IsView)) {
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
    // Judged at the end of the translation unit, when every call of the coroutine is known.
    Findings.push_back({Coroutine, Param, Spelled.getAsString(Ctx.getPrintingPolicy()), Kind,
                        Reference, Eager, Judged.Culprit, Judged.Why});
  }
}

// A view made from a string literal (`log_line("boot")` for a std::string_view parameter):
// the characters have static storage. A reference parameter bound to a literal gets a
// temporary std::string instead, which dies at the end of the call.
namespace {
bool viewsStringLiteral(const Expr* Arg) {
  const Expr* E = Arg->IgnoreImplicit();
  if (const auto* Construct = dyn_cast<CXXConstructExpr>(E);
      Construct && Construct->getNumArgs() >= 1 &&
      !Construct->getConstructor()->isCopyOrMoveConstructor())
    E = Construct->getArg(0)->IgnoreImplicit();
  return isa<StringLiteral>(E->IgnoreParenImpCasts());
}
}  // namespace

bool ReferenceParamCheck::outlivesEveryTask(const Expr* Arg) {
  const Expr* E = stripValue(Arg);
  // A non-reference member of such an object lives as long as the object.
  while (const auto* Member = dyn_cast<MemberExpr>(E)) {
    const auto* Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
    if (!Field || Field->getType()->isReferenceType() || Member->isArrow()) return false;
    E = stripValue(Member->getBase());
  }
  const auto* Ref = dyn_cast<DeclRefExpr>(E);
  const auto* Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  // A reference variable refers to an object of unknown lifetime.
  if (!Var || Var->getType()->isReferenceType() || isa<ParmVarDecl>(Var)) return false;
  // Static storage lives until the static destructors run, after main returns. A thread_local
  // dies with its thread, while the task may go on running on another one.
  if (Var->hasGlobalStorage()) return Var->getTLSKind() == VarDecl::TLS_None;
  const auto* Main = dyn_cast<FunctionDecl>(Var->getDeclContext());
  if (!Main || !Main->isMain()) return false;
  auto [It, New] = MainLocals.try_emplace(Main);
  if (New) collectMainLocals(Main->getBody(), It->second);
  return It->second.contains(Var);
}

ReferenceParamCheck::CallerVerdict ReferenceParamCheck::judgeCallers(const FunctionDecl& Coroutine,
                                                                     unsigned Index) {
  // Only calls seen in this translation unit are judged: the coroutine must not be callable
  // from another one. A lambda's call operator can be called through copies of the closure
  // anywhere, and a virtual member through an overridden declaration: never exempt.
  if (const auto* Method = dyn_cast<CXXMethodDecl>(&Coroutine);
      Method && (Method->getParent()->isLambda() || Method->isVirtual()))
    return {};
  const FunctionDecl* Key = keyOf(Coroutine);
  if (Key->isExternallyVisible()) {
    // Defined in the file being linted and declared nowhere else: another translation unit
    // would have to declare it itself. A declaration in a header means it is meant to be
    // called from elsewhere.
    const SourceManager& SM = Context->getSourceManager();
    const auto InMainFile = [&](const Decl* D) {
      return SM.isInMainFile(SM.getExpansionLoc(D->getLocation()));
    };
    const Decl* Declared = Key;
    if (const FunctionTemplateDecl* Template = Key->getDescribedFunctionTemplate())
      Declared = Template;
    if (!std::all_of(Declared->redecls_begin(), Declared->redecls_end(), InMainFile)) return {};
  }
  const auto Found = References.find(Key);
  if (Found == References.end() || Found->second.empty()) return {};  // never called here
  const Expr* FirstUnsafe = nullptr;
  bool SomeSafe = false;
  const bool IsView = Index < Coroutine.getNumParams() &&
                      !Coroutine.getParamDecl(Index)->getType()->isReferenceType();
  bool Called = false;
  for (const Expr* Ref : Found->second) {
    // A call in a discarded `if constexpr` branch is not part of the program.
    if (isInDiscardedBranch(*Ref, *Context)) continue;
    Called = true;
    const auto Call = CallOf.find(Ref);
    // Its address taken, or passed on: calls through it cannot be seen.
    if (Call == CallOf.end() || isa<CXXOperatorCallExpr>(Call->second)) return {};
    const CallExpr& C = *Call->second;
    const bool Safe = Awaited.contains(&C) ||
                      (Index < C.getNumArgs() && (outlivesEveryTask(C.getArg(Index)) ||
                                                  (IsView && viewsStringLiteral(C.getArg(Index)))));
    SomeSafe |= Safe;
    if (!Safe && (!FirstUnsafe || Context->getSourceManager().isBeforeInTranslationUnit(
                                      C.getBeginLoc(), FirstUnsafe->getBeginLoc())))
      FirstUnsafe = &C;
  }
  if (!Called) return {};  // called only in discarded branches: as if never called here
  if (!FirstUnsafe) return {true, nullptr};
  return {false, SomeSafe ? FirstUnsafe : nullptr};
}

void ReferenceParamCheck::onEndOfTranslationUnit() {
  for (const Finding& F : Findings) {
    const ParmVarDecl* Param = F.Param;
    const FunctionDecl* Coroutine = F.Coroutine;
    const CallerVerdict Callers = judgeCallers(*Coroutine, Param->getFunctionScopeIndex());
    if (Callers.Safe) continue;
    diag(Param->getLocation(),
         "parameter '%0' of coroutine %1 is %2 ('%3'): the coroutine frame keeps only the %4, "
         "and what it refers to may be gone when the coroutine resumes (CP.53); take %5 by value")
        << Param->getName() << describeCoroutine(*Coroutine) << F.Kind << F.Spelled
        << (F.Reference ? "reference" : "view") << (F.Reference ? "the object" : "an owning type");
    if (F.Culprit && F.Why == Verdict::Promise)
      diag(F.Culprit->getLocation(),
           "'%0' is passed to the promise type's constructor, which may keep it for the whole "
           "life of the coroutine",
           DiagnosticIDs::Note)
          << Param->getName();
    else if (!F.Eager)
      diag(Coroutine->getLocation(),
           "coroutine %0 may suspend before its body runs (its initial_suspend() is not "
           "std::suspend_never), so even the first use of '%1' can come too late",
           DiagnosticIDs::Note)
          << describeCoroutine(*Coroutine) << Param->getName();
    else if (F.Culprit && F.Why == Verdict::Escapes)
      diag(F.Culprit->getLocation(),
           "'%0' escapes here: what it is bound or passed to may outlive the first suspension",
           DiagnosticIDs::Note)
          << Param->getName();
    else if (F.Culprit && F.Why == Verdict::Captured)
      diag(F.Culprit->getLocation(),
           "'%0' is used here by a lambda, which may run after a suspension", DiagnosticIDs::Note)
          << Param->getName();
    else if (F.Culprit)
      diag(F.Culprit->getLocation(), "'%0' is used here, after a suspension point",
           DiagnosticIDs::Note)
          << Param->getName();
    if (Callers.Culprit)
      diag(Callers.Culprit->getBeginLoc(),
           "other calls are safe, but this one is neither awaited where it is made nor passes "
           "'%0' an object that lives until main returns",
           DiagnosticIDs::Note)
          << Param->getName();
  }
  Findings.clear();
  References.clear();
  CallOf.clear();
  Awaited.clear();
  MainLocals.clear();
}

}  // namespace clang::tidy::coscope
