#include "checks/LockFlow.h"

#include "checks/DiscardedBranch.h"
#include "checks/QualifiedName.h"

#include <clang/AST/Attr.h>
#include <clang/Lex/Lexer.h>

namespace clang::tidy::coscope {
namespace {

bool sameKeys(const HeldLocks& A, const HeldLocks& B) {
  if (A.size() != B.size()) return false;
  for (auto I = A.begin(), J = B.begin(); I != A.end(); ++I, ++J)
    if (I->first != J->first) return false;
  return true;
}

const Expr* stripWrappersAndFunctionalCasts(const Expr* E) {
  for (const Expr* Prev = nullptr; E && E != Prev;) {
    Prev = E;
    E = E->IgnoreImplicit()->IgnoreParens();
    if (const auto* Cast = dyn_cast<CXXFunctionalCastExpr>(E)) E = Cast->getSubExpr();
  }
  return E;
}

bool isStdMove(const Expr* E) {
  const auto* Call = dyn_cast<CallExpr>(E);
  const auto* Callee = Call ? Call->getDirectCallee() : nullptr;
  return Callee && Call->getNumArgs() == 1 && Callee->getDeclName().isIdentifier() &&
         qualifiedName(*Callee) == "std::move";
}

bool hasTag(const CXXConstructExpr& Construct, StringRef Tag) {
  for (const Expr* Arg : Construct.arguments())
    if (const auto* Record = Arg->getType()->getAsCXXRecordDecl();
        Record && Record->getIdentifier() && qualifiedName(*Record) == Tag)
      return true;
  return false;
}

bool hasMethodNamed(const CXXRecordDecl& Record, StringRef Name) {
  for (const auto* Method : Record.methods())
    if (Method->getDeclName().isIdentifier() && Method->getName() == Name) return true;
  for (const auto& Base : Record.bases())
    if (const auto* BaseRecord = Base.getType()->getAsCXXRecordDecl())
      if (BaseRecord->hasDefinition() && hasMethodNamed(*BaseRecord, Name)) return true;
  return false;
}

enum class LockAction { None, Acquire, Release };

LockAction actionOf(const CXXMethodDecl& Method, bool OnLockObject) {
  if (Method.hasAttr<AcquireCapabilityAttr>() || Method.hasAttr<TryAcquireCapabilityAttr>())
    return LockAction::Acquire;
  if (Method.hasAttr<ReleaseCapabilityAttr>()) return LockAction::Release;
  if (!Method.getDeclName().isIdentifier()) return LockAction::None;
  const StringRef Name = Method.getName();
  // A try_lock may fail; the check cannot follow the branch on its result and counts the
  // mutex as held (documented).
  if (Name == "lock" || Name == "lock_shared" || Name.starts_with("try_lock"))
    return LockAction::Acquire;
  // unique_lock::release() gives up ownership without unlocking; whoever takes the mutex
  // pointer unlocks it later, through a path the check does not follow.
  if (Name == "unlock" || Name == "unlock_shared" || (OnLockObject && Name == "release"))
    return LockAction::Release;
  return LockAction::None;
}

}  // namespace

LockFlow::LockFlow(const llvm::StringSet<>& LockTypeNames, const ASTContext& Context)
    : LockTypeNames(LockTypeNames), Context(Context) {}

bool LockFlow::isLockType(QualType Type) const {
  if (Type.isNull() || Type->isReferenceType()) return false;
  const auto* Record = Type->getAsCXXRecordDecl();
  if (!Record) return false;
  if (Record->hasAttr<ScopedLockableAttr>()) return true;
  if (const auto* Spec = dyn_cast<ClassTemplateSpecializationDecl>(Record))
    if (Spec->getSpecializedTemplate()->getTemplatedDecl()->hasAttr<ScopedLockableAttr>())
      return true;
  return Record->getIdentifier() && LockTypeNames.contains(qualifiedName(*Record));
}

HeldLocks LockFlow::entryState(const FunctionDecl& Function) const {
  HeldLocks Held;
  for (const ParmVarDecl* Param : Function.parameters())
    if (isLockType(Param->getType()))
      Held[key(*Param)] = {Param->getLocation(), "lock parameter '" + name(*Param) + "'"};
  return Held;
}

void LockFlow::noteInitializers(const CFG& Graph) {
  for (const CFGBlock* Block : Graph)
    for (const CFGElement& Element : *Block)
      if (auto S = Element.getAs<CFGStmt>())
        if (const auto* Decl = dyn_cast<DeclStmt>(S->getStmt()))
          for (const auto* D : Decl->decls())
            if (const auto* Var = dyn_cast<VarDecl>(D); Var && Var->getInit())
              if (const auto* Construct =
                      dyn_cast<CXXConstructExpr>(stripWrappersAndFunctionalCasts(Var->getInit())))
                InitConstructs.insert(Construct);
}

void LockFlow::noteDiscarded(const Stmt& Body) {
  Discarded = discardedStatements(Body, Context);
}

void LockFlow::transfer(const CFGElement& Element, HeldLocks& Held) const {
  if (auto S = Element.getAs<CFGStmt>(); S && Discarded.contains(S->getStmt())) return;
  if (auto Dtor = Element.getAs<CFGAutomaticObjDtor>()) {
    Held.erase(key(*Dtor->getVarDecl()));
  } else if (auto End = Element.getAs<CFGLifetimeEnds>()) {
    Held.erase(key(*End->getVarDecl()));
  } else if (auto S = Element.getAs<CFGStmt>()) {
    const Stmt* Statement = S->getStmt();
    if (const auto* Decl = dyn_cast<DeclStmt>(Statement)) {
      for (const auto* D : Decl->decls())
        if (const auto* Var = dyn_cast<VarDecl>(D);
            Var && Var->hasLocalStorage() && isLockType(Var->getType()))
          declare(*Var, Held);
    } else if (const auto* Construct = dyn_cast<CXXConstructExpr>(Statement)) {
      // A lock moved into a temporary, an argument or a lambda capture leaves the variable.
      if (!InitConstructs.contains(Construct) && isLockType(Construct->getType()) &&
          Construct->getNumArgs() == 1)
        if (const VarDecl* From = lockVar(Construct->getArg(0))) Held.erase(key(*From));
    } else if (const auto* Call = dyn_cast<CXXMemberCallExpr>(Statement)) {
      memberCall(*Call, Held);
    } else if (const auto* Op = dyn_cast<CXXOperatorCallExpr>(Statement)) {
      assignment(*Op, Held);
    } else if (const auto* Call = dyn_cast<CallExpr>(Statement)) {
      stdLock(*Call, Held);
    }
  }
}

std::string LockFlow::key(const VarDecl& Var) const {
  return "v" + std::to_string(Var.getLocation().getRawEncoding()) + name(Var);
}

std::string LockFlow::name(const NamedDecl& Decl) {
  return Decl.getNameAsString();
}

const VarDecl* LockFlow::lockVar(const Expr* E) const {
  E = stripWrappersAndFunctionalCasts(E);
  if (E && isStdMove(E)) E = stripWrappersAndFunctionalCasts(cast<CallExpr>(E)->getArg(0));
  const auto* Ref = dyn_cast_or_null<DeclRefExpr>(E);
  const auto* Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  return Var && Var->hasLocalStorage() && isLockType(Var->getType()) ? Var : nullptr;
}

std::string LockFlow::mutexName(const Expr* E) const {
  E = E->IgnoreParenImpCasts();
  if (const auto* Member = dyn_cast<MemberExpr>(E);
      Member && isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts()))
    return Member->getMemberDecl()->getNameAsString();
  if (const auto* Ref = dyn_cast<DeclRefExpr>(E)) return Ref->getDecl()->getNameAsString();
  const auto Text = Lexer::getSourceText(CharSourceRange::getTokenRange(E->getSourceRange()),
                                         Context.getSourceManager(), Context.getLangOpts());
  if (!Text.empty()) return Text.str();
  std::string Printed;
  llvm::raw_string_ostream Out(Printed);
  E->printPretty(Out, nullptr, Context.getPrintingPolicy());
  return Printed;
}

bool LockFlow::constructionHolds(const CXXConstructExpr& Construct, HeldLocks& Held,
                                 std::optional<HeldLock>& Moved) const {
  if (Construct.getConstructor()->isCopyOrMoveConstructor() && Construct.getNumArgs() == 1) {
    if (const VarDecl* From = lockVar(Construct.getArg(0))) {
      const auto It = Held.find(key(*From));
      if (It == Held.end()) return false;
      Moved = It->second;
      Held.erase(It);
      return true;
    }
    return true;  // moved from a lock returned by a call: assume it owns
  }
  if (Construct.getNumArgs() == 0 || hasTag(Construct, "std::defer_lock_t")) return false;
  // The lock now owns mutexes locked by hand before (std::adopt_lock, std::lock + guards).
  for (const Expr* Arg : Construct.arguments()) Held.erase("m:" + mutexName(Arg));
  return true;
}

void LockFlow::declare(const VarDecl& Var, HeldLocks& Held) const {
  bool Holds = true;  // a lock returned by a call (or a co_await) is assumed to own its mutex
  std::optional<HeldLock> Moved;
  if (!Var.getInit())
    Holds = false;
  else if (const auto* Construct =
               dyn_cast<CXXConstructExpr>(stripWrappersAndFunctionalCasts(Var.getInit())))
    Holds = constructionHolds(*Construct, Held, Moved);
  if (!Holds) return;
  Held[key(Var)] = {Var.getLocation(), "lock '" + name(Var) + "'"};
}

void LockFlow::assignment(const CXXOperatorCallExpr& Op, HeldLocks& Held) const {
  if (Op.getOperator() != OO_Equal || Op.getNumArgs() != 2) return;
  const VarDecl* Target = lockVar(Op.getArg(0));
  if (!Target) return;
  // Assigning a unique_lock first unlocks what it owned.
  Held.erase(key(*Target));
  bool Holds = true;
  std::optional<HeldLock> Moved;
  if (const VarDecl* From = lockVar(Op.getArg(1))) {
    Holds = Held.erase(key(*From)) > 0;
  } else if (const auto* Construct =
                 dyn_cast<CXXConstructExpr>(stripWrappersAndFunctionalCasts(Op.getArg(1)))) {
    Holds = constructionHolds(*Construct, Held, Moved);
  }
  if (Holds) Held[key(*Target)] = {Op.getExprLoc(), "lock '" + name(*Target) + "'"};
}

void LockFlow::memberCall(const CXXMemberCallExpr& Call, HeldLocks& Held) const {
  const CXXMethodDecl* Method = Call.getMethodDecl();
  const Expr* Object = Call.getImplicitObjectArgument();
  if (!Method || !Object) return;
  if (const VarDecl* Var = lockVar(Object)) {
    if (Method->getDeclName().isIdentifier() && Method->getName() == "swap" &&
        Call.getNumArgs() == 1) {
      if (const VarDecl* Other = lockVar(Call.getArg(0))) swapLocks(*Var, *Other, Held);
      return;
    }
    const auto Action = actionOf(*Method, /*OnLockObject=*/true);
    if (Action == LockAction::Acquire)
      Held[key(*Var)] = {Call.getExprLoc(), "lock '" + name(*Var) + "'"};
    else if (Action == LockAction::Release)
      Held.erase(key(*Var));
    return;
  }
  // A mutex locked by hand: a class that can also be unlocked (std::weak_ptr::lock is not a
  // mutex), or one whose methods carry clang's thread-safety capability attributes.
  const CXXRecordDecl* Class = Method->getParent();
  const bool Lockable = hasMethodNamed(*Class, "unlock") ||
                        hasMethodNamed(*Class, "unlock_shared") || Class->hasAttr<CapabilityAttr>();
  if (!Lockable) return;
  const auto Action = actionOf(*Method, /*OnLockObject=*/false);
  const std::string Mutex = mutexName(Object);
  if (Action == LockAction::Acquire)
    Held["m:" + Mutex] = {Call.getExprLoc(), "mutex '" + Mutex + "'"};
  else if (Action == LockAction::Release)
    Held.erase("m:" + Mutex);
}

void LockFlow::swapLocks(const VarDecl& A, const VarDecl& B, HeldLocks& Held) const {
  auto FromA = Held.extract(key(A));
  auto FromB = Held.extract(key(B));
  if (FromA) Held[key(B)] = {FromA.mapped().Where, "lock '" + name(B) + "'"};
  if (FromB) Held[key(A)] = {FromB.mapped().Where, "lock '" + name(A) + "'"};
}

void LockFlow::stdLock(const CallExpr& Call, HeldLocks& Held) const {
  const auto* Callee = Call.getDirectCallee();
  if (Callee && Call.getNumArgs() == 2 && Callee->getDeclName().isIdentifier() &&
      Callee->getName() == "swap" && qualifiedName(*Callee) == "std::swap") {
    const VarDecl* A = lockVar(Call.getArg(0));
    const VarDecl* B = lockVar(Call.getArg(1));
    if (A && B) swapLocks(*A, *B, Held);
    return;
  }
  if (!Callee || !Callee->getDeclName().isIdentifier() || Callee->getName() != "lock" ||
      qualifiedName(*Callee) != "std::lock")
    return;
  for (const Expr* Arg : Call.arguments()) {
    if (const VarDecl* Var = lockVar(Arg)) {
      Held[key(*Var)] = {Call.getExprLoc(), "lock '" + name(*Var) + "'"};
    } else {
      const std::string Mutex = mutexName(Arg);
      Held["m:" + Mutex] = {Call.getExprLoc(), "mutex '" + Mutex + "'"};
    }
  }
}

// The locks held on entry to each block: a forward may-analysis (union at joins).
std::vector<HeldLocks> LockFlow::solve(const CFG& Graph, const HeldLocks& Entry) const {
  std::vector<HeldLocks> In(Graph.getNumBlockIDs()), Out(Graph.getNumBlockIDs());
  In[Graph.getEntry().getBlockID()] = Entry;
  // Every transfer only adds what the block acquires, so the sets grow monotonically; the cap
  // guards against a pathological graph.
  bool Changed = true;
  for (unsigned Round = 0; Changed && Round < 4 * Graph.getNumBlockIDs() + 8; ++Round) {
    Changed = false;
    for (const CFGBlock* Block : Graph) {
      HeldLocks State = Block == &Graph.getEntry() ? Entry : HeldLocks{};
      for (const auto& Pred : Block->preds())
        if (const CFGBlock* P = Pred.getReachableBlock())
          State.insert(Out[P->getBlockID()].begin(), Out[P->getBlockID()].end());
      In[Block->getBlockID()] = State;
      for (const CFGElement& Element : *Block) transfer(Element, State);
      if (!sameKeys(State, Out[Block->getBlockID()])) {
        Out[Block->getBlockID()] = std::move(State);
        Changed = true;
      }
    }
  }
  return In;
}

}  // namespace clang::tidy::coscope
