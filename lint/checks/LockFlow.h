// The lock state coscope-lock-across-suspend follows through a coroutine's CFG: which RAII lock
// variables own their mutex and which mutexes were locked by hand, before each CFG element.
#pragma once

#include <clang/AST/ASTContext.h>
#include <clang/AST/ExprCXX.h>
#include <clang/Analysis/CFG.h>
#include <llvm/ADT/DenseSet.h>
#include <llvm/ADT/StringSet.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::coscope {

struct HeldLock {
  SourceLocation Where;  // where it was acquired: the lock variable or the lock() call
  std::string What;      // "lock 'guard'", "mutex 'm'"
};
// Keyed "v<location>" for a lock variable, "m:<object>" for a mutex locked by hand; std::map so
// that findings come out in the same order in every run.
using HeldLocks = std::map<std::string, HeldLock>;

class LockFlow {
 public:
  LockFlow(const llvm::StringSet<>& LockTypeNames, const ASTContext& Context);
  // A class of the LockTypes option or marked scoped_lockable, held by value.
  bool isLockType(QualType Type) const;
  // Lock-typed parameters (a unique_lock passed by value) arrive owning their mutex.
  HeldLocks entryState(const FunctionDecl& Function) const;
  // Constructors that initialize a variable are handled with the variable's DeclStmt.
  void noteInitializers(const CFG& Graph);
  // The statements of discarded `if constexpr` branches below Body: they lock nothing, and do
  // not suspend (the CFG keeps their blocks and edges).
  void noteDiscarded(const Stmt& Body);
  bool isDiscarded(const Stmt& S) const { return Discarded.contains(&S); }
  void transfer(const CFGElement& Element, HeldLocks& Held) const;
  // The locks held on entry to each block: a forward may-analysis (union at joins).
  std::vector<HeldLocks> solve(const CFG& Graph, const HeldLocks& Entry) const;

 private:
  std::string key(const VarDecl& Var) const;
  static std::string name(const NamedDecl& Decl);
  // The local lock variable an expression names, through std::move.
  const VarDecl* lockVar(const Expr* E) const;
  // How a mutex locked by hand is named: `m`, `this->m` and `m` inside a member are the same.
  std::string mutexName(const Expr* E) const;
  // Whether a lock constructed this way owns its mutex afterwards.
  bool constructionHolds(const CXXConstructExpr& Construct, HeldLocks& Held,
                         std::optional<HeldLock>& Moved) const;
  void declare(const VarDecl& Var, HeldLocks& Held) const;
  void assignment(const CXXOperatorCallExpr& Op, HeldLocks& Held) const;
  void memberCall(const CXXMemberCallExpr& Call, HeldLocks& Held) const;
  // std::lock(a, b, ...) locks every argument.
  void stdLock(const CallExpr& Call, HeldLocks& Held) const;
  // a.swap(b), std::swap(a, b): each lock now owns what the other did.
  void swapLocks(const VarDecl& A, const VarDecl& B, HeldLocks& Held) const;

  const llvm::StringSet<>& LockTypeNames;
  const ASTContext& Context;
  llvm::DenseSet<const CXXConstructExpr*> InitConstructs;
  llvm::DenseSet<const Stmt*> Discarded;
};

}  // namespace clang::tidy::coscope
