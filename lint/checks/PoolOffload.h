// Asio's offload idiom: `co_await asio::post(asio::bind_executor(pool, asio::use_awaitable));`
// completes through the handler's associated executor, the thread_pool's, so the coroutine goes
// on running on a pool thread, where blocking is the point. It stays there until its next
// suspension: any awaited operation resumes through the coroutine's own executor (unless it is
// bound to another one), and `co_await asio::post(asio::bind_executor(ex, use_awaitable))` goes
// back on purpose. `co_await asio::post(pool, use_awaitable)` is no offload: the handler, bound
// to the coroutine's executor, only passes through the pool.
#pragma once

#include <clang/AST/ASTContext.h>
#include <llvm/ADT/DenseMap.h>
#include <llvm/ADT/DenseSet.h>

namespace clang::tidy::coscope {

// Which statements of a coroutine run on a thread_pool's thread: in one block, those after an
// offload up to the first one that may suspend, return, or be jumped to (a label).
class PoolRegions {
 public:
  // Whether S, in the body of Coroutine (not in a lambda spelled there), runs on the pool.
  bool runsOnPool(const Stmt& S, const FunctionDecl& Coroutine, ASTContext& Context);
  void clear() { Regions.clear(); }

 private:
  llvm::DenseMap<const FunctionDecl*, llvm::DenseSet<const Stmt*>> Regions;
};

}  // namespace clang::tidy::coscope
