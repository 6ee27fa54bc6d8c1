#include "checks/UnevaluatedOperand.h"

#include <clang/AST/ExprCXX.h>
#include <clang/AST/ExprConcepts.h>
#include <clang/AST/ParentMapContext.h>
#include <clang/AST/TypeLoc.h>

namespace clang::tidy::coscope {

bool isUnevaluatedChild(const Stmt& Parent, const Stmt& Child) {
  if (const auto* Trait = dyn_cast<UnaryExprOrTypeTraitExpr>(&Parent))
    // sizeof of a variable-length array evaluates its operand (the bound is only known then).
    return !(Trait->getKind() == UETT_SizeOf && Trait->getTypeOfArgument()->isVariableArrayType());
  if (const auto* Typeid = dyn_cast<CXXTypeidExpr>(&Parent))
    return !Typeid->isPotentiallyEvaluated();
  if (const auto* Generic = dyn_cast<GenericSelectionExpr>(&Parent))
    return Generic->isExprPredicate() && Generic->getControllingExpr() == &Child;
  return isa<CXXNoexceptExpr, RequiresExpr, ConceptSpecializationExpr>(Parent);
}

bool isInUnevaluatedOperand(const Stmt& S, ASTContext& Context) {
  DynTypedNode Node = DynTypedNode::create(S);
  while (true) {
    const auto Parents = Context.getParents(Node);
    // Template instantiations have one parent; several only for shared nodes (an implicit
    // default argument's expression), whose first parent is as good as any.
    if (Parents.empty()) return false;
    const DynTypedNode& Parent = Parents[0];
    if (const auto* Outer = Parent.get<Stmt>()) {
      // A lambda's body runs when the lambda is called, not where the lambda is spelled.
      if (isa<LambdaExpr>(Outer)) return false;
      if (const auto* Inner = Node.get<Stmt>(); Inner && isUnevaluatedChild(*Outer, *Inner))
        return true;
    } else if (const auto* Type = Parent.get<TypeLoc>()) {
      // decltype(e), typeof(e), constant array bounds and template arguments: nothing in a type
      // runs when the program does, except the bound of a variable-length array.
      if (Type->getAs<VariableArrayTypeLoc>().isNull()) return true;
    } else if (const auto* D = Parent.get<Decl>(); D && isa<FunctionDecl, BlockDecl>(D)) {
      return false;
    }
    Node = Parent;
  }
}

}  // namespace clang::tidy::coscope
