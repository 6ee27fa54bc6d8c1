#include "checks/PoolOffload.h"

#include "checks/CoroutineSuspensions.h"
#include "checks/QualifiedName.h"

#include <clang/AST/DeclTemplate.h>
#include <clang/AST/ExprCXX.h>
#include <clang/AST/ParentMapContext.h>

namespace clang::tidy::coscope {
namespace {

bool isAsio(const NamedDecl& Decl, StringRef Name) {
  const std::string Qualified = qualifiedName(Decl);
  return Qualified == ("boost::asio::" + Name).str() || Qualified == ("asio::" + Name).str();
}

const CXXRecordDecl* recordOf(QualType Type) {
  const auto* Record = Type.getNonReferenceType()->getAsCXXRecordDecl();
  return Record && Record->getIdentifier() ? Record : nullptr;
}

// The type arguments of an Asio class template specialization named Name, or an empty list.
ArrayRef<TemplateArgument> argumentsOf(QualType Type, StringRef Name) {
  const auto* Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(recordOf(Type));
  if (!Spec || !isAsio(*Spec, Name)) return {};
  return Spec->getTemplateArgs().asArray();
}

bool firstTypeArgument(ArrayRef<TemplateArgument> Args, bool (*Test)(QualType)) {
  return !Args.empty() && Args[0].getKind() == TemplateArgument::Type && Test(Args[0].getAsType());
}

// thread_pool::executor_type (a basic_executor_type nested in thread_pool), or a strand of one:
// both run their work on the pool's threads.
bool isPoolExecutor(QualType Type) {
  const CXXRecordDecl* Record = recordOf(Type);
  if (!Record) return false;
  if (isAsio(*Record, "thread_pool::basic_executor_type")) return true;
  return firstTypeArgument(argumentsOf(Type, "strand"), isPoolExecutor);
}

// use_awaitable, or a wrapper that completes through it.
bool isAwaitableToken(QualType Type) {
  const CXXRecordDecl* Record = recordOf(Type);
  if (!Record) return false;
  if (isAsio(*Record, "use_awaitable_t")) return true;
  return firstTypeArgument(argumentsOf(Type, "as_tuple_t"), isAwaitableToken) ||
         firstTypeArgument(argumentsOf(Type, "redirect_error_t"), isAwaitableToken);
}

// A call to one of Asio's functions Names, also unresolved (in a template).
bool callsAsio(const CallExpr& Call, std::initializer_list<StringRef> Names) {
  const auto Named = [&](const NamedDecl& Decl) {
    return Decl.getDeclName().isIdentifier() && llvm::is_contained(Names, Decl.getName()) &&
           isAsio(Decl, Decl.getName());
  };
  if (const FunctionDecl* Callee = Call.getDirectCallee()) return Named(*Callee);
  if (const auto* Lookup = dyn_cast<UnresolvedLookupExpr>(Call.getCallee()->IgnoreImplicit()))
    return llvm::any_of(Lookup->decls(),
                        [&](const NamedDecl* Decl) { return Named(*Decl->getUnderlyingDecl()); });
  return false;
}

// `co_await asio::post(..., asio::bind_executor(pool, asio::use_awaitable))` (or dispatch, or
// defer) as a statement: the handler's associated executor is the pool's. In a template whose
// token type is not known yet, the instantiations decide (the pattern is not judged).
bool isOffload(const Stmt& S) {
  const Expr* E = dyn_cast<Expr>(&S);
  if (const auto* Decl = dyn_cast<DeclStmt>(&S); Decl && Decl->isSingleDecl())
    if (const auto* Var = dyn_cast<VarDecl>(Decl->getSingleDecl())) E = Var->getInit();
  if (E) E = E->IgnoreImplicit()->IgnoreParens();
  const Expr* Operand = nullptr;
  if (const auto* Await = dyn_cast_or_null<CoawaitExpr>(E))
    Operand = Await->getOperand();
  else if (const auto* Dependent = dyn_cast_or_null<DependentCoawaitExpr>(E))
    Operand = Dependent->getOperand();
  const auto* Call =
      Operand ? dyn_cast<CallExpr>(Operand->IgnoreImplicit()->IgnoreParens()) : nullptr;
  if (!Call || Call->getNumArgs() == 0 || !callsAsio(*Call, {"post", "dispatch", "defer"}))
    return false;
  const Expr* Token = Call->getArg(Call->getNumArgs() - 1);
  if (Token->isTypeDependent()) return true;
  const auto Binder = argumentsOf(Token->getType(), "executor_binder");
  return Binder.size() >= 2 && firstTypeArgument(Binder, isAwaitableToken) &&
         firstTypeArgument(Binder.drop_front(), isPoolExecutor);
}

// Whether the statement may end the time on the pool: it may suspend (and resume elsewhere) or
// return, or it holds a label that a jump from outside the region may reach.
bool mayLeavePool(const Stmt& S) {
  if (isa<LambdaExpr>(S)) return false;  // its body runs when it is called
  if (isa<CoreturnStmt, ReturnStmt, LabelStmt, SwitchCase>(S) || isSuspensionPoint(S)) return true;
  for (const Stmt* Child : S.children())
    if (Child && mayLeavePool(*Child)) return true;
  return false;
}

void collectRegions(const Stmt& S, llvm::DenseSet<const Stmt*>& Region) {
  if (isa<LambdaExpr>(S)) return;
  if (const auto* Block = dyn_cast<CompoundStmt>(&S)) {
    bool OnPool = false;
    for (const Stmt* Statement : Block->body()) {
      if (isOffload(*Statement))
        OnPool = true;
      else if (OnPool && mayLeavePool(*Statement))
        OnPool = false;
      else if (OnPool)
        Region.insert(Statement);
    }
  }
  for (const Stmt* Child : S.children())
    if (Child) collectRegions(*Child, Region);
}

}  // namespace

bool PoolRegions::runsOnPool(const Stmt& S, const FunctionDecl& Coroutine, ASTContext& Context) {
  auto [It, New] = Regions.try_emplace(&Coroutine);
  if (New)
    if (const CoroutineBodyStmt* Body = coroutineBody(Coroutine))
      collectRegions(*Body->getBody(), It->second);
  if (It->second.empty()) return false;
  DynTypedNode Node = DynTypedNode::create(S);
  while (true) {
    if (const auto* Statement = Node.get<Stmt>(); Statement && It->second.contains(Statement))
      return true;
    const auto Parents = Context.getParents(Node);
    if (Parents.empty()) return false;
    const DynTypedNode& Parent = Parents[0];
    if (const auto* Outer = Parent.get<Stmt>(); Outer && isa<LambdaExpr>(Outer)) return false;
    if (const auto* D = Parent.get<Decl>(); D && isa<FunctionDecl, BlockDecl>(D)) return false;
    Node = Parent;
  }
}

}  // namespace clang::tidy::coscope
