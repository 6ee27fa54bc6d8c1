// Operands that clang never evaluates: sizeof, alignof, decltype, noexcept, typeid of an operand
// that is not a polymorphic glvalue, requires-expressions and concept checks, _Generic's
// controlling expression. A call spelled there never runs, so it blocks nothing.
#pragma once

#include <clang/AST/ASTContext.h>

namespace clang::tidy::coscope {

// Whether Child, a direct child of Parent, is an operand that Parent does not evaluate.
bool isUnevaluatedChild(const Stmt& Parent, const Stmt& Child);

// Whether S lies in an unevaluated operand (or in a type: decltype, typeof) between itself and
// the enclosing function or lambda.
bool isInUnevaluatedOperand(const Stmt& S, ASTContext& Context);

}  // namespace clang::tidy::coscope
