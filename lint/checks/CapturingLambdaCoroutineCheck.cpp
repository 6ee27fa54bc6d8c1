#include "checks/CapturingLambdaCoroutineCheck.h"

#include "checks/CoroutineSuspensions.h"
#include "checks/DiscardedBranch.h"
#include "checks/QualifiedName.h"

#include <clang/AST/ASTContext.h>
#include <clang/AST/ParentMapContext.h>
#include <clang/ASTMatchers/ASTMatchFinder.h>

#include <string>
#include <vector>

using namespace clang::ast_matchers;

namespace clang::tidy::coscope {
namespace {

const Expr* stripImplicitAndParens(const Expr* E) {
  for (const Expr* Prev = nullptr; E && E != Prev;) {
    Prev = E;
    E = E->IgnoreImplicit()->IgnoreParens();
  }
  return E;
}

// The nearest enclosing expression that is not an implicit wrapper of E.
const Expr* enclosingExpr(const Expr& E, ASTContext& Context) {
  const Expr* Current = &E;
  for (int Depth = 0; Depth < 16; ++Depth) {
    const auto Parents = Context.getParents(*Current);
    if (Parents.size() != 1) return nullptr;
    const auto* Parent = Parents[0].get<Expr>();
    if (!Parent) return nullptr;
    if (stripImplicitAndParens(Parent) != stripImplicitAndParens(Current) || Parent == Current)
      return Parent;
    Current = Parent;
  }
  return nullptr;
}

bool awaitedDirectly(const Expr& Current, const Expr& Call, ASTContext& Context, int Depth) {
  if (Depth > 8) return false;
  for (const auto& Parent : Context.getParents(Current)) {
    if (const auto* Await = Parent.get<CoawaitExpr>()) {
      if (stripImplicitAndParens(Await->getOperand()) == &Call) return true;
    } else if (const auto* Await = Parent.get<DependentCoawaitExpr>()) {
      if (stripImplicitAndParens(Await->getOperand()) == &Call) return true;
    } else if (const auto* E = Parent.get<Expr>(); E && stripImplicitAndParens(E) == &Call) {
      if (awaitedDirectly(*E, Call, Context, Depth + 1)) return true;
    }
  }
  return false;
}

// `co_await [x]() -> task { ... }(args)`: the lambda temporary lives until the end of the
// full-expression, which ends only after the awaited coroutine has completed.
bool isCalledAndAwaited(const LambdaExpr& Lambda, ASTContext& Context) {
  const auto* Call = dyn_cast_or_null<CXXOperatorCallExpr>(enclosingExpr(Lambda, Context));
  if (!Call || Call->getOperator() != OO_Call || stripImplicitAndParens(Call->getArg(0)) != &Lambda)
    return false;
  // The awaiter machinery shares the operand (an OpaqueValueExpr refers to it), so the call
  // can have several parents: any path to the co_await whose operand it is will do.
  return awaitedDirectly(*Call, *Call, Context, 0);
}

// Asio's co_spawn(executor, function_object, token) moves the function object into the frame of
// its entry-point coroutine and awaits `f()` there (boost/asio/impl/co_spawn.hpp,
// co_spawn_entry_point): the lambda object lives as long as the coroutine it started. The
// co_spawn call when the lambda is its function object, or null.
const CallExpr* coSpawnTaking(const LambdaExpr& Lambda, ASTContext& Context) {
  const auto* Call = dyn_cast_or_null<CallExpr>(enclosingExpr(Lambda, Context));
  const FunctionDecl* Callee = Call ? Call->getDirectCallee() : nullptr;
  if (!Callee || !Callee->getDeclName().isIdentifier() || Callee->getName() != "co_spawn")
    return nullptr;
  const std::string Name = qualifiedName(*Callee);
  if (Name != "boost::asio::co_spawn" && Name != "asio::co_spawn") return nullptr;
  for (const Expr* Arg : Call->arguments())
    if (stripImplicitAndParens(Arg) == &Lambda) return Call;
  return nullptr;
}

// Whether the object a by-reference capture names belongs to the code that spawns: a local or a
// by-value parameter, a structured binding of one, or a local reference bound to one. A
// reference captured by reference names the object it is bound to ([expr.prim.lambda.capture]):
// a reference parameter's object is the caller's, of unknown lifetime.
bool ownedBySpawner(const ValueDecl* Captured, int Depth = 0) {
  if (const auto* Binding = dyn_cast_or_null<BindingDecl>(Captured))
    Captured = Binding->getDecomposedDecl();
  const auto* Var = dyn_cast_or_null<VarDecl>(Captured);
  if (!Var || Depth > 4) return false;
  if (!Var->getType()->isReferenceType()) return Var->hasLocalStorage();
  if (isa<ParmVarDecl>(Var) || !Var->getInit()) return false;
  const Expr* Referent = stripImplicitAndParens(Var->getInit());
  while (const auto* Member = dyn_cast<MemberExpr>(Referent)) {
    const auto* Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
    if (Member->isArrow() || !Field || Field->getType()->isReferenceType()) return false;
    Referent = stripImplicitAndParens(Member->getBase());
  }
  const auto* Ref = dyn_cast<DeclRefExpr>(Referent);
  return Ref && ownedBySpawner(Ref->getDecl(), Depth + 1);
}

// The lambda is copied into its own coroutine frame: C++23 `this auto self` by value.
bool copiedIntoTheFrame(const CXXMethodDecl& CallOperator) {
  return CallOperator.isExplicitObjectMemberFunction() &&
         !CallOperator.getParamDecl(0)->getType()->isReferenceType();
}

bool refersOutside(const LambdaCapture& Capture) {
  return Capture.getCaptureKind() == LCK_ByRef || Capture.getCaptureKind() == LCK_This;
}

std::string describe(const LambdaCapture& Capture) {
  switch (Capture.getCaptureKind()) {
    case LCK_This:
      return "'this'";
    case LCK_StarThis:
      return "'*this' by copy";
    case LCK_ByCopy:
    case LCK_ByRef: {
      const auto* Var = Capture.getCapturedVar();
      std::string Text = "'" + Var->getNameAsString() + "' by ";
      Text += Capture.getCaptureKind() == LCK_ByRef ? "reference" : "copy";
      return Text;
    }
    case LCK_VLAType:
      break;
  }
  return "";
}

std::string howCaptured(const LambdaCapture& Capture, const LambdaExpr& Lambda) {
  if (Capture.capturesVariable()) {
    if (const auto* Var = dyn_cast<VarDecl>(Capture.getCapturedVar()); Var && Var->isInitCapture())
      return " (init-capture)";
  }
  if (!Capture.isImplicit()) return "";
  return Lambda.getCaptureDefault() == LCD_ByRef ? " through the default capture '&'"
                                                 : " through the default capture '='";
}

}  // namespace

void CapturingLambdaCoroutineCheck::registerMatchers(MatchFinder* Finder) {
  Finder->addMatcher(lambdaExpr(unless(isExpansionInSystemHeader())).bind("lambda"), this);
}

void CapturingLambdaCoroutineCheck::check(const MatchFinder::MatchResult& Result) {
  const auto* Lambda = Result.Nodes.getNodeAs<LambdaExpr>("lambda");
  if (!Lambda || Lambda->capture_size() == 0) return;
  const CXXMethodDecl* CallOperator = Lambda->getCallOperator();
  // In a template, captures by default are only known in the instantiations.
  if (!CallOperator || !coroutineBody(*CallOperator) ||
      Lambda->getLambdaClass()->getDeclContext()->isDependentContext())
    return;
  // A lambda in a discarded `if constexpr` branch is never created.
  if (isCalledAndAwaited(*Lambda, *Result.Context) || isInDiscardedBranch(*Lambda, *Result.Context))
    return;
  // co_spawn keeps the lambda object in the frame: only what by-reference captures name can
  // die, and only when the spawner does not await the spawned coroutine.
  const CallExpr* Spawn = coSpawnTaking(*Lambda, *Result.Context);
  if (Spawn && awaitedDirectly(*Spawn, *Spawn, *Result.Context, 0)) return;
  // When the lambda object itself travels with the coroutine (C++23 `this auto self`), copies
  // are safe; references and `this` still point at objects the coroutine does not own.
  const bool OnlyOutside = copiedIntoTheFrame(*CallOperator);

  std::vector<const LambdaCapture*> Reportable;
  for (const LambdaCapture& Capture : Lambda->captures()) {
    if (Capture.getCaptureKind() == LCK_VLAType) continue;
    if (Spawn ? Capture.getCaptureKind() == LCK_ByRef && ownedBySpawner(Capture.getCapturedVar())
              : !OnlyOutside || refersOutside(Capture))
      Reportable.push_back(&Capture);
  }
  if (Reportable.empty()) return;
  const SourceLocation Loc = Result.SourceManager->getExpansionLoc(Lambda->getBeginLoc());
  if (!Reported.insert(Loc.getRawEncoding()).second) return;

  std::string List;
  for (const LambdaCapture* Capture : Reportable) {
    if (!List.empty()) List += ", ";
    List += describe(*Capture);
  }
  if (Spawn)
    diag(Loc,
         "lambda coroutine spawned with co_spawn and not awaited captures %0: the captured "
         "locals of the spawning scope are destroyed when it ends, while the spawned coroutine "
         "may still be running; capture them by copy, or co_await the co_spawn")
        << List;
  else
    diag(Loc,
         "lambda coroutine captures %0: captures live in the lambda object, not in the coroutine "
         "frame, and are gone if the lambda is destroyed while the coroutine is suspended "
         "(CP.51); pass them as parameters instead")
        << List;
  for (const LambdaCapture* Capture : Reportable)
    diag(Capture->getLocation(), "%0 captured here%1", DiagnosticIDs::Note)
        << describe(*Capture) << howCaptured(*Capture, *Lambda);
}

}  // namespace clang::tidy::coscope
