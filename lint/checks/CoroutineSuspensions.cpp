#include "checks/CoroutineSuspensions.h"

#include "checks/QualifiedName.h"

#include <clang/AST/ASTContext.h>
#include <clang/AST/DeclCXX.h>

namespace clang::tidy::coscope {

const CoroutineBodyStmt* coroutineBody(const FunctionDecl& Function) {
  return dyn_cast_or_null<CoroutineBodyStmt>(Function.getBody());
}

namespace {

bool returnsTrue(const FunctionDecl& Function) {
  const auto* Body = dyn_cast_or_null<CompoundStmt>(Function.getBody());
  if (!Body || Body->size() != 1) return false;
  const auto* Return = dyn_cast<ReturnStmt>(Body->body_front());
  if (!Return || !Return->getRetValue()) return false;
  const auto* Value = dyn_cast<CXXBoolLiteralExpr>(Return->getRetValue()->IgnoreParenImpCasts());
  return Value && Value->getValue();
}

// An awaiter whose await_ready() is `return true;` never suspends: Asio's
// `co_await this_coro::executor` and its other this_coro queries, std::suspend_never. Anything
// more elaborate than that (a flag, a call) is not a proof.
bool neverSuspends(const CoroutineSuspendExpr& Suspend) {
  const Expr* Ready = Suspend.getReadyExpr();
  const auto* Call =
      Ready ? dyn_cast<CXXMemberCallExpr>(Ready->IgnoreImplicit()->IgnoreParenImpCasts()) : nullptr;
  const CXXMethodDecl* Method = Call ? Call->getMethodDecl() : nullptr;
  const FunctionDecl* Definition = Method ? Method->getDefinition() : nullptr;
  return Definition && returnsTrue(*Definition);
}

}  // namespace

bool isSuspensionPoint(const Stmt& S) {
  // Implicit co_awaits are the initial and final suspends, which the body never contains;
  // skipping them keeps that true when the CFG is built over a whole CoroutineBodyStmt.
  if (const auto* Await = dyn_cast<CoawaitExpr>(&S))
    return !Await->isImplicit() && !neverSuspends(*Await);
  if (const auto* Yield = dyn_cast<CoyieldExpr>(&S)) return !neverSuspends(*Yield);
  return isa<DependentCoawaitExpr>(S);
}

StringRef suspensionKeyword(const Stmt& S) {
  return isa<CoyieldExpr>(S) ? "co_yield" : "co_await";
}

bool startsEagerly(const CoroutineBodyStmt& Body) {
  const auto* Init = dyn_cast_or_null<Expr>(Body.getInitSuspendStmt());
  const auto* Await = Init ? dyn_cast<CoawaitExpr>(Init->IgnoreImplicit()) : nullptr;
  if (!Await) return false;  // a dependent promise: unknown until instantiated
  const auto* Awaiter = Await->getCommonExpr()->getType()->getAsCXXRecordDecl();
  if (!Awaiter) return false;
  const std::string Name = qualifiedName(*Awaiter);
  if (Name == "std::suspend_never" || Name == "std::experimental::suspend_never") return true;
  // A custom awaiter that never suspends says so in await_ready; anything more elaborate than
  // `return true;` (a flag, a call) is not a proof.
  for (const auto* Method : Awaiter->methods())
    if (Method->getDeclName().isIdentifier() && Method->getName() == "await_ready")
      if (const FunctionDecl* Definition = Method->getDefinition()) return returnsTrue(*Definition);
  return false;
}

std::unique_ptr<CFG> buildBodyCFG(const FunctionDecl& Function, const CoroutineBodyStmt& Body,
                                  ASTContext& Context) {
  CFG::BuildOptions Options;
  Options.AddImplicitDtors = true;
  Options.AddLifetime = true;
  Options.setAllAlwaysAdd();
  return CFG::buildCFG(&Function, Body.getBody(), &Context, Options);
}

namespace {

void collectSubStatements(const Stmt& S, llvm::DenseSet<const Stmt*>& Out) {
  for (const Stmt* Child : S.children())
    if (Child && Out.insert(Child).second) collectSubStatements(*Child, Out);
}

}  // namespace

AfterSuspension::AfterSuspension(const CFG& Graph, const llvm::DenseSet<const Stmt*>& Discarded)
    : ReachedBlocks(Graph.getNumBlockIDs()) {
  llvm::SmallVector<const CFGBlock*, 16> Work;
  for (const CFGBlock* Block : Graph) {
    unsigned Index = 0;
    for (const CFGElement& Element : *Block) {
      if (auto S = Element.getAs<CFGStmt>()) {
        const Stmt* Statement = S->getStmt();
        Position.try_emplace(Statement, Block->getBlockID(), Index);
        if (isSuspensionPoint(*Statement) && !Discarded.contains(Statement)) {
          collectSubStatements(*Statement, InsideSuspension);
          if (!FirstSuspensionIndex.count(Block->getBlockID())) {
            FirstSuspensionIndex[Block->getBlockID()] = Index;
            Work.push_back(Block);
          }
        }
      }
      ++Index;
    }
  }
  // Blocks entered after a suspension, transitively (a loop brings the whole loop body back).
  while (!Work.empty()) {
    const CFGBlock* Block = Work.pop_back_val();
    for (const auto& Succ : Block->succs())
      if (const CFGBlock* Next = Succ.getReachableBlock())
        if (!ReachedBlocks.test(Next->getBlockID())) {
          ReachedBlocks.set(Next->getBlockID());
          Work.push_back(Next);
        }
  }
}

bool AfterSuspension::mayRunAfterSuspension(const Stmt& S) const {
  if (InsideSuspension.contains(&S)) return true;
  const auto It = Position.find(&S);
  if (It == Position.end()) return true;
  const auto [Block, Index] = It->second;
  if (ReachedBlocks.test(Block)) return true;
  const auto Suspends = FirstSuspensionIndex.find(Block);
  return Suspends != FirstSuspensionIndex.end() && Suspends->second < Index;
}

std::string describeCoroutine(const FunctionDecl& Coroutine) {
  if (const auto* Method = dyn_cast<CXXMethodDecl>(&Coroutine);
      Method && Method->getParent()->isLambda())
    return "lambda";
  return "'" + qualifiedName(Coroutine) + "'";
}

}  // namespace clang::tidy::coscope
