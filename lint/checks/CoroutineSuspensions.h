// What the coroutine checks need to know about a coroutine body: whether a function is a
// coroutine, where it can suspend, whether it suspends before its body runs, and a CFG of the
// body the user wrote (without the promise setup and the initial/final suspends around it).
#pragma once

#include <clang/AST/Decl.h>
#include <clang/AST/ExprCXX.h>
#include <clang/AST/StmtCXX.h>
#include <clang/Analysis/CFG.h>
#include <llvm/ADT/BitVector.h>
#include <llvm/ADT/DenseMap.h>
#include <llvm/ADT/DenseSet.h>

#include <memory>
#include <string>

namespace clang::tidy::coscope {

// The coroutine body of a function or lambda call operator, or null when it is not a coroutine.
const CoroutineBodyStmt* coroutineBody(const FunctionDecl& Function);

// A point where the coroutine may suspend: co_await or co_yield written in its body.
// (co_return does not suspend before the body's locals are gone.)
bool isSuspensionPoint(const Stmt& S);
// "co_await" or "co_yield".
StringRef suspensionKeyword(const Stmt& S);

// True when the coroutine provably runs its body up to the first co_await/co_yield inside the
// call that creates it: the awaiter of initial_suspend() is std::suspend_never or has an
// await_ready() whose body is `return true;`. Lazy tasks (Asio's awaitable, most task types)
// suspend first, before the body has run at all.
bool startsEagerly(const CoroutineBodyStmt& Body);

// The CFG of the user-written body with a statement element for every expression, destructors
// and lifetime ends of locals. Null when clang cannot build one (invalid code).
std::unique_ptr<CFG> buildBodyCFG(const FunctionDecl& Function, const CoroutineBodyStmt& Body,
                                  ASTContext& Context);

// Which statements of a coroutine body may run after one of its own co_await/co_yield: those
// after it in its CFG block, every block reachable from there (loops, gotos) and the operands
// of a suspension (the awaiter may hold on to them while suspended). Statements that are not
// CFG elements (unevaluated operands) count as after: nothing is known about them. Suspensions
// among Discarded (the statements of discarded `if constexpr` branches) never happen.
class AfterSuspension {
 public:
  AfterSuspension(const CFG& Graph, const llvm::DenseSet<const Stmt*>& Discarded);
  bool mayRunAfterSuspension(const Stmt& S) const;

 private:
  llvm::DenseMap<const Stmt*, std::pair<unsigned, unsigned>> Position;  // block id, index
  llvm::DenseMap<unsigned, unsigned> FirstSuspensionIndex;              // per block
  llvm::BitVector ReachedBlocks;  // entered from a block that suspends
  llvm::DenseSet<const Stmt*> InsideSuspension;
};

// "'ns::f'" for a named coroutine, "lambda" for a lambda's call operator.
std::string describeCoroutine(const FunctionDecl& Coroutine);

}  // namespace clang::tidy::coscope
