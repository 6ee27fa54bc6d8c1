#include "checks/LockAcrossSuspendCheck.h"

#include "catalog/catalog.h"
#include "checks/CoroutineSuspensions.h"
#include "checks/LockFlow.h"

#include <clang/AST/ASTContext.h>
#include <clang/ASTMatchers/ASTMatchFinder.h>

using namespace clang::ast_matchers;

namespace clang::tidy::coscope {

LockAcrossSuspendCheck::LockAcrossSuspendCheck(StringRef Name, ClangTidyContext* Context)
    : ClangTidyCheck(Name, Context), LockTypes(Options.get(LockTypesOption, DefaultLockTypes)) {
  for (const auto& Type : ::coscope::lint::splitList(LockTypes)) LockTypeNames.insert(Type);
}

void LockAcrossSuspendCheck::storeOptions(ClangTidyOptions::OptionMap& Opts) {
  Options.store(Opts, LockTypesOption, LockTypes);
}

void LockAcrossSuspendCheck::registerMatchers(MatchFinder* Finder) {
  Finder->addMatcher(functionDecl(isDefinition(), unless(isExpansionInSystemHeader()),
                                  hasBody(coroutineBodyStmt().bind("body")))
                         .bind("coroutine"),
                     this);
}

void LockAcrossSuspendCheck::check(const MatchFinder::MatchResult& Result) {
  const auto* Coroutine = Result.Nodes.getNodeAs<FunctionDecl>("coroutine");
  const auto* Body = Result.Nodes.getNodeAs<CoroutineBodyStmt>("body");
  // Templates are analysed in their instantiations, where lock types and calls are resolved.
  if (!Coroutine || !Body || Coroutine->isDependentContext()) return;
  const auto Graph = buildBodyCFG(*Coroutine, *Body, *Result.Context);
  if (!Graph) return;
  LockFlow Flow(LockTypeNames, *Result.Context);
  Flow.noteInitializers(*Graph);
  Flow.noteDiscarded(*Body->getBody());
  const auto In = Flow.solve(*Graph, Flow.entryState(*Coroutine));

  const SourceManager& SM = *Result.SourceManager;
  for (const CFGBlock* Block : *Graph) {
    HeldLocks Held = In[Block->getBlockID()];
    for (const CFGElement& Element : *Block) {
      if (auto S = Element.getAs<CFGStmt>();
          S && isSuspensionPoint(*S->getStmt()) && !Flow.isDiscarded(*S->getStmt())) {
        const Stmt& Suspension = *S->getStmt();
        const SourceLocation Loc = SM.getExpansionLoc(Suspension.getBeginLoc());
        for (const auto& [Key, Lock] : Held) {
          const SourceLocation LockLoc = SM.getExpansionLoc(Lock.Where);
          if (!Reported.insert({Loc.getRawEncoding(), LockLoc.getRawEncoding()}).second) continue;
          diag(Loc,
               "coroutine %0 suspends at '%1' while %2 is held; release it before "
               "suspending or use an asynchronous lock")
              << describeCoroutine(*Coroutine) << suspensionKeyword(Suspension) << Lock.What;
          diag(LockLoc, "%0 acquired here", DiagnosticIDs::Note) << Lock.What;
        }
      }
      Flow.transfer(Element, Held);
    }
  }
}

}  // namespace clang::tidy::coscope
