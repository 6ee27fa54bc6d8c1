#include "checks/DiscardedBranch.h"

#include <clang/AST/ParentMapContext.h>

namespace clang::tidy::coscope {

bool isDiscardedBranch(const Stmt& Parent, const Stmt& Child, const ASTContext& Context) {
  const auto* If = dyn_cast<IfStmt>(&Parent);
  if (!If || !If->isConstexpr() || (&Child != If->getThen() && &Child != If->getElse()) ||
      If->getCond()->containsErrors())
    return false;
  const std::optional<const Stmt*> Kept = If->getNondiscardedCase(Context);
  return Kept && *Kept != &Child;
}

bool isInDiscardedBranch(const Stmt& S, ASTContext& Context) {
  DynTypedNode Node = DynTypedNode::create(S);
  while (true) {
    const auto Parents = Context.getParents(Node);
    // Template instantiations have one parent; several only for shared nodes, whose first
    // parent is as good as any.
    if (Parents.empty()) return false;
    const DynTypedNode& Parent = Parents[0];
    if (const auto* Outer = Parent.get<Stmt>()) {
      if (const auto* Inner = Node.get<Stmt>(); Inner && isDiscardedBranch(*Outer, *Inner, Context))
        return true;
    } else if (const auto* Method = Parent.get<CXXMethodDecl>();
               Method && Method->getParent()->isLambda()) {
      // A lambda's body: on to where the lambda is spelled (its class hangs there).
      Node = DynTypedNode::create(*Method->getParent());
      continue;
    } else if (const auto* D = Parent.get<Decl>(); D && isa<FunctionDecl, BlockDecl>(D)) {
      return false;
    }
    Node = Parent;
  }
}

namespace {

void addWithDescendants(const Stmt& S, llvm::DenseSet<const Stmt*>& Out) {
  if (!Out.insert(&S).second) return;
  for (const Stmt* Child : S.children())
    if (Child) addWithDescendants(*Child, Out);
}

void collectDiscarded(const Stmt& S, const ASTContext& Context, llvm::DenseSet<const Stmt*>& Out) {
  for (const Stmt* Child : S.children()) {
    if (!Child) continue;
    if (isDiscardedBranch(S, *Child, Context))
      addWithDescendants(*Child, Out);
    else
      collectDiscarded(*Child, Context, Out);
  }
}

}  // namespace

llvm::DenseSet<const Stmt*> discardedStatements(const Stmt& Body, const ASTContext& Context) {
  llvm::DenseSet<const Stmt*> Out;
  collectDiscarded(Body, Context, Out);
  return Out;
}

}  // namespace clang::tidy::coscope
