#include "checks/DetachedExceptionCheck.h"

#include "catalog/catalog.h"
#include "checks/DiscardedBranch.h"
#include "checks/QualifiedName.h"

#include <clang/AST/ASTContext.h>
#include <clang/AST/ExprCXX.h>
#include <clang/AST/StmtCXX.h>
#include <clang/ASTMatchers/ASTMatchFinder.h>

using namespace clang::ast_matchers;

namespace clang::tidy::coscope {
namespace {

// Functions of the standard library that throw on bad input or a missing element; the usual
// way an exception starts in code that has no throw of its own.
constexpr const char* DefaultThrowingFunctions =
    "std::stoi;std::stol;std::stoll;std::stoul;std::stoull;std::stof;std::stod;std::stold;"
    "std::vector::at;std::basic_string::at;std::array::at;std::deque::at;std::map::at;"
    "std::unordered_map::at;std::optional::value;std::any_cast;std::rethrow_exception;"
    "std::filesystem::file_size;std::filesystem::directory_iterator::directory_iterator;"
    "boost::lexical_cast;nlohmann::json::parse;nlohmann::basic_json::parse;"
    "nlohmann::basic_json::at";

// A type as a handler or a throw names it, without reference and cv-qualifiers: how a thrown
// value of no class type is matched to its handler.
const clang::Type* plainType(QualType Type) {
  return Type.getNonReferenceType().getCanonicalType().getUnqualifiedType().getTypePtr();
}

// Whether a handler catches an exception of class Thrown (null: unknown, thought of as some
// std::exception), or a thrown value of no class type (Scalar), which only a handler of its
// own type catches (`catch (int)`, `catch (const char*)`), never `catch (std::exception&)`.
bool catches(const CXXCatchStmt& Handler, const CXXRecordDecl* Thrown,
             const clang::Type* Scalar = nullptr) {
  if (!Handler.getExceptionDecl()) return true;  // catch (...)
  if (Scalar) return plainType(Handler.getCaughtType()) == Scalar;
  const auto* Caught = Handler.getCaughtType().getNonReferenceType()->getAsCXXRecordDecl();
  if (!Caught) return false;
  if (!Thrown) return qualifiedName(*Caught) == "std::exception";
  Thrown = Thrown->getDefinition();
  Caught = Caught->getDefinition();
  if (!Thrown || !Caught) return false;
  return Thrown->getCanonicalDecl() == Caught->getCanonicalDecl() || Thrown->isDerivedFrom(Caught);
}

const CXXRecordDecl* thrownClass(const CXXThrowExpr& Throw) {
  const Expr* Operand = Throw.getSubExpr();
  if (!Operand) return nullptr;
  if (const auto* Record = Operand->getType()->getAsCXXRecordDecl()) return Record;
  return nullptr;
}

// The function whose body runs when co_spawn starts the work: the coroutine called in
// `co_spawn(ex, f(args), token)`, a lambda, or a function named by reference.
const FunctionDecl* spawnedFunction(const Expr& Work) {
  const Expr* E = Work.IgnoreImplicit()->IgnoreParens()->IgnoreImplicit();
  if (const auto* Temporary = dyn_cast<CXXBindTemporaryExpr>(E))
    E = Temporary->getSubExpr()->IgnoreImplicit();
  if (const auto* Lambda = dyn_cast<LambdaExpr>(E)) return Lambda->getCallOperator();
  if (const auto* Call = dyn_cast<CallExpr>(E)) return Call->getDirectCallee();
  if (const auto* Ref = dyn_cast<DeclRefExpr>(E)) return dyn_cast<FunctionDecl>(Ref->getDecl());
  return nullptr;
}

// A coroutine called without co_await keeps its exception in its promise until it is awaited
// (or spawned): calling one does not throw at the call.
bool isCoroutine(const FunctionDecl& Function) {
  const FunctionDecl* Definition = Function.getDefinition();
  return Definition && isa_and_nonnull<CoroutineBodyStmt>(Definition->getBody());
}

std::string describe(const FunctionDecl& Function) {
  if (const auto* Method = dyn_cast<CXXMethodDecl>(&Function);
      Method && Method->getParent()->isLambda())
    return "the lambda";
  return "'" + qualifiedName(Function) + "'";
}

}  // namespace

DetachedExceptionCheck::DetachedExceptionCheck(StringRef Name, ClangTidyContext* Context)
    : ClangTidyCheck(Name, Context),
      DetachedTokens(
          Options.get(DetachedTokensOption, "boost::asio::detached;asio::detached").str()),
      ThrowingFunctions(Options.get(ThrowingFunctionsOption, DefaultThrowingFunctions).str()),
      SpawnFunctions(
          Options
              .get(SpawnFunctionsOption, "boost::asio::co_spawn;asio::co_spawn;coscope::co_spawn")
              .str()),
      CallDepth(Options.get(CallDepthOption, 3u)) {
  // hasAnyName wants "::" in front to match from the global namespace.
  for (auto& Name : ::coscope::lint::splitList(SpawnFunctions))
    SpawnFunctionNames.push_back(llvm::StringRef(Name).starts_with("::") ? Name : "::" + Name);
  for (auto& Name : ::coscope::lint::splitList(DetachedTokens))
    DetachedTokenNames.push_back(llvm::StringRef(Name).starts_with("::") ? Name.substr(2) : Name);
  for (auto& Name : ::coscope::lint::splitList(ThrowingFunctions))
    ThrowingFunctionNames.push_back(llvm::StringRef(Name).starts_with("::") ? Name.substr(2)
                                                                            : Name);
}

void DetachedExceptionCheck::storeOptions(ClangTidyOptions::OptionMap& Opts) {
  Options.store(Opts, DetachedTokensOption, DetachedTokens);
  Options.store(Opts, ThrowingFunctionsOption, ThrowingFunctions);
  Options.store(Opts, SpawnFunctionsOption, SpawnFunctions);
  Options.store(Opts, CallDepthOption, CallDepth);
}

void DetachedExceptionCheck::registerMatchers(MatchFinder* Finder) {
  const std::vector<StringRef> Spawns(SpawnFunctionNames.begin(), SpawnFunctionNames.end());
  // co_spawn(executor or context, work, token); Boost's overloads add a defaulted constraint.
  Finder->addMatcher(callExpr(unless(isExpansionInSystemHeader()),
                              callee(functionDecl(hasAnyName(Spawns))), argumentCountAtLeast(3))
                         .bind("spawn"),
                     this);
}

// The token names a detached-like object by its variable (boost::asio::detached) or its class
// (boost::asio::detached_t, for `detached_t{}`).
bool DetachedExceptionCheck::isDetachedToken(const Expr& Token) const {
  const Expr* E = Token.IgnoreImplicit()->IgnoreParens()->IgnoreImplicit();
  // A token taken by value is a copy of the named object.
  if (const auto* Copy = dyn_cast<CXXConstructExpr>(E); Copy && Copy->getNumArgs() == 1)
    E = Copy->getArg(0)->IgnoreImplicit()->IgnoreParens()->IgnoreImplicit();
  const auto Listed = [&](const std::string& Name) {
    return llvm::find(DetachedTokenNames, Name) != DetachedTokenNames.end();
  };
  if (const auto* Ref = dyn_cast<DeclRefExpr>(E)) return Listed(qualifiedName(*Ref->getDecl()));
  // Asio names the class of token `x` `x_t`: a detached_t{} written at the call is the detached
  // token too. Only a temporary written there: a wrapper that forwards its caller's token (a
  // parameter, std::forward) is not where the exception is dropped.
  if (const auto* Cast = dyn_cast<CXXFunctionalCastExpr>(E))  // detached_t{} of an aggregate
    E = Cast->getSubExpr()->IgnoreImplicit();
  if (!isa<CXXTemporaryObjectExpr, CXXConstructExpr, InitListExpr>(E)) return false;
  if (const auto* Construct = dyn_cast<CXXConstructExpr>(E); Construct && Construct->getNumArgs())
    return false;
  const auto* Record = Token.getType()->getAsCXXRecordDecl();
  if (!Record || !Record->getIdentifier()) return false;
  const std::string Class = qualifiedName(*Record);
  return Listed(Class) ||
         (llvm::StringRef(Class).ends_with("_t") && Listed(Class.substr(0, Class.size() - 2)));
}

std::optional<DetachedExceptionCheck::ThrowSite> DetachedExceptionCheck::throwingSite(
    const FunctionDecl& Function, unsigned Depth) {
  const auto Key = std::make_pair(Function.getCanonicalDecl(), Depth);
  if (auto It = Throws.find(Key); It != Throws.end()) return It->second;
  Throws[Key] = std::nullopt;  // recursion: a cycle adds no throw of its own
  const FunctionDecl* Definition = Function.getDefinition();
  const Stmt* Body = Definition ? Definition->getBody() : nullptr;
  if (!Body) return std::nullopt;
  if (const auto* Coroutine = dyn_cast<CoroutineBodyStmt>(Body)) Body = Coroutine->getBody();
  std::vector<ThrowSite> Sites;
  // A constructor runs its member and base initializers before its body.
  if (const auto* Constructor = dyn_cast<CXXConstructorDecl>(Definition))
    for (const CXXCtorInitializer* Init : Constructor->inits())
      if (Init->isWritten()) collect(Init->getInit(), Depth, /*Awaited=*/false, Sites);
  collect(Body, Depth, /*Awaited=*/false, Sites);
  std::optional<ThrowSite> Found;
  if (!Sites.empty()) Found = Sites.front();
  Throws[Key] = Found;
  return Found;
}

// Every place below S where an exception can leave S, in source order.
void DetachedExceptionCheck::collect(const Stmt* S, unsigned Depth, bool Awaited,
                                     std::vector<ThrowSite>& Out) {
  if (!S) return;
  // Only an awaited coroutine hands its exception to the awaiting one; calls in the operand of
  // a co_await (also through `a && b`) are awaited.
  if (const auto* Await = dyn_cast<CoawaitExpr>(S)) {
    collect(Await->getOperand(), Depth, /*Awaited=*/true, Out);
    return;
  }
  // A lambda's body runs when the lambda is called, which may be anywhere (a thread pool).
  if (isa<LambdaExpr>(S)) return;
  if (const auto* Try = dyn_cast<CXXTryStmt>(S)) {
    std::vector<ThrowSite> Inner;
    collect(Try->getTryBlock(), Depth, Awaited, Inner);
    for (auto& Site : Inner) {
      bool Caught = false;
      for (unsigned I = 0; I < Try->getNumHandlers() && !Caught; ++I)
        Caught = catches(*Try->getHandler(I), Site.Type, Site.Scalar);
      if (!Caught) Out.push_back(std::move(Site));
    }
    for (unsigned I = 0; I < Try->getNumHandlers(); ++I) {
      const CXXCatchStmt* Handler = Try->getHandler(I);
      std::vector<ThrowSite> FromHandler;
      collect(Handler->getHandlerBlock(), Depth, Awaited, FromHandler);
      for (auto& Site : FromHandler) {
        // `throw;` rethrows what the handler caught.
        if (const auto* Rethrow = dyn_cast<CXXThrowExpr>(Site.Site);
            Rethrow && !Rethrow->getSubExpr() && Site.Chain.empty()) {
          const QualType Caught = Handler->getCaughtType();
          Site.Type =
              Caught.isNull() ? nullptr : Caught.getNonReferenceType()->getAsCXXRecordDecl();
          if (!Caught.isNull() && !Site.Type) Site.Scalar = plainType(Caught);
        }
        Out.push_back(std::move(Site));
      }
    }
    return;
  }
  if (const auto* Throw = dyn_cast<CXXThrowExpr>(S)) {
    ThrowSite Site{Throw, thrownClass(*Throw), {}};
    // A throw of a non-class value (its operand already decayed: an array throws a pointer).
    if (const Expr* Operand = Throw->getSubExpr(); Operand && !Site.Type)
      Site.Scalar = plainType(Operand->getType());
    Out.push_back(std::move(Site));
    // The operand may call throwing code too; the throw itself is reported first.
  } else if (const auto* Call = dyn_cast<CallExpr>(S)) {
    if (const FunctionDecl* Callee = Call->getDirectCallee()) {
      const auto* Proto = Callee->getType()->getAs<FunctionProtoType>();
      const bool NoThrow = Proto && Proto->isNothrow();
      const std::string Name = NoThrow ? std::string() : qualifiedName(*Callee);
      // A member is listed under the class the object has, as the user wrote it.
      std::string ObjectName;
      if (const auto* Member = dyn_cast<CXXMemberCallExpr>(Call))
        if (const auto* Object = Member->getRecordDecl(); Object && !NoThrow)
          ObjectName = qualifiedName(*Object) + "::" + Callee->getNameAsString();
      const auto Listed = [&](const std::string& N) {
        return !N.empty() && llvm::find(ThrowingFunctionNames, N) != ThrowingFunctionNames.end();
      };
      if (!NoThrow && (Listed(Name) || Listed(ObjectName))) {
        Out.push_back({Call, nullptr, {}});
      } else if (!NoThrow && Depth > 0 && (Awaited || !isCoroutine(*Callee)) &&
                 !Callee->getASTContext().getSourceManager().isInSystemHeader(
                     Callee->getLocation())) {
        if (auto Site = throwingSite(*Callee, Depth - 1)) {
          Site->Chain.insert(Site->Chain.begin(), Call);
          Out.push_back(std::move(*Site));
        }
      }
    }
  } else if (const auto* Construct = dyn_cast<CXXConstructExpr>(S)) {
    // A constructor of the program's own that validates its input by throwing.
    const CXXConstructorDecl* Constructor = Construct->getConstructor();
    const auto* Proto = Constructor ? Constructor->getType()->getAs<FunctionProtoType>() : nullptr;
    if (Constructor && Depth > 0 && !Constructor->isTrivial() && !(Proto && Proto->isNothrow()) &&
        !Constructor->getASTContext().getSourceManager().isInSystemHeader(
            Constructor->getLocation()))
      if (auto Site = throwingSite(*Constructor, Depth - 1)) {
        Site->Chain.insert(Site->Chain.begin(), Construct);
        Out.push_back(std::move(*Site));
      }
  }
  // A discarded `if constexpr` branch is not part of the program.
  const ASTContext& Context = *AST;
  for (const Stmt* Child : S->children())
    if (Child && !isDiscardedBranch(*S, *Child, Context)) collect(Child, Depth, Awaited, Out);
}

void DetachedExceptionCheck::check(const MatchFinder::MatchResult& Result) {
  const auto* Spawn = Result.Nodes.getNodeAs<CallExpr>("spawn");
  AST = Result.Context;
  if (!Spawn || !isDetachedToken(*Spawn->getArg(2)) || isInDiscardedBranch(*Spawn, *Result.Context))
    return;
  const FunctionDecl* Work = spawnedFunction(*Spawn->getArg(1));
  if (!Work) return;
  auto Site = throwingSite(*Work, CallDepth);
  if (!Site) return;

  const SourceManager& SM = *Result.SourceManager;
  const SourceLocation Loc = SM.getExpansionLoc(Spawn->getBeginLoc());
  if (!Reported.insert(Loc.getRawEncoding()).second) return;
  diag(Loc, "%0 can throw, and co_spawn with a detached token drops the exception silently")
      << describe(*Work) << Spawn->getSourceRange();
  for (const Expr* Step : Site->Chain) {
    if (const auto* Call = dyn_cast<CallExpr>(Step))
      diag(SM.getExpansionLoc(Call->getBeginLoc()), "through the call to %0 here",
           DiagnosticIDs::Note)
          << describe(*Call->getDirectCallee());
    else if (const auto* Construct = dyn_cast<CXXConstructExpr>(Step))
      diag(SM.getExpansionLoc(Construct->getBeginLoc()), "through the construction of %0 here",
           DiagnosticIDs::Note)
          << Construct->getType().getUnqualifiedType();
  }
  if (const auto* Throw = dyn_cast<CXXThrowExpr>(Site->Site)) {
    const Expr* Operand = Throw->getSubExpr();
    if (Operand)
      diag(SM.getExpansionLoc(Throw->getBeginLoc()), "exception of type %0 thrown here",
           DiagnosticIDs::Note)
          << Operand->getType().getUnqualifiedType();
    else
      diag(SM.getExpansionLoc(Throw->getBeginLoc()), "exception rethrown here",
           DiagnosticIDs::Note);
  } else if (const auto* Call = dyn_cast<CallExpr>(Site->Site)) {
    diag(SM.getExpansionLoc(Call->getBeginLoc()), "%0 throws on failure", DiagnosticIDs::Note)
        << describe(*Call->getDirectCallee());
  }
  diag(Loc,
       "complete with a handler that sees the exception, e.g. [](std::exception_ptr e) { if (e) "
       "std::rethrow_exception(e); }, or catch it inside the coroutine",
       DiagnosticIDs::Note);
}

}  // namespace clang::tidy::coscope
