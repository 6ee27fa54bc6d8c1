// The branch an `if constexpr` discards: its condition is not value-dependent and selects the
// other branch. Outside templates clang keeps a discarded branch in the AST (it is parsed and
// checked), but it is never part of the program: nothing in it runs, suspends, locks or throws,
// and a lambda spelled there is never created. In a template whose condition depends on a
// template parameter, both branches are real (each for some instantiation).
#pragma once

#include <clang/AST/ASTContext.h>
#include <llvm/ADT/DenseSet.h>

namespace clang::tidy::coscope {

// Whether Child, a direct child of Parent, is a branch that an `if constexpr` discards.
bool isDiscardedBranch(const Stmt& Parent, const Stmt& Child, const ASTContext& Context);

// Whether S lies in a discarded branch of its function, also through the lambdas around it.
bool isInDiscardedBranch(const Stmt& S, ASTContext& Context);

// Every statement in the discarded branches below Body: for the analyses that follow a CFG,
// which keeps a discarded branch's blocks and edges.
llvm::DenseSet<const Stmt*> discardedStatements(const Stmt& Body, const ASTContext& Context);

}  // namespace clang::tidy::coscope
