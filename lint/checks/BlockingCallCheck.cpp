#include "checks/BlockingCallCheck.h"

#include "checks/CoroutineSuspensions.h"
#include "checks/DiscardedBranch.h"
#include "checks/QualifiedName.h"
#include "checks/UnevaluatedOperand.h"

#include <clang/AST/ASTContext.h>
#include <clang/ASTMatchers/ASTMatchFinder.h>
#include <clang/Lex/Lexer.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/Path.h>

using namespace clang::ast_matchers;
using ::coscope::lint::CatalogEntry;

namespace clang::tidy::coscope {
namespace {

// Only the last name component: whether the call blocks also depends on the object it is called
// on (see lookup), which a matcher on the callee cannot see.
AST_MATCHER_P(FunctionDecl, mayBeCatalogued, const ::coscope::lint::Catalog*, Cat) {
  return Node.getDeclName().isIdentifier() && Cat->mayBeFunction(Node.getName());
}

AST_MATCHER_P(CXXRecordDecl, isCataloguedType, const ::coscope::lint::Catalog*, Cat) {
  return Node.getIdentifier() && Cat->mayBeType(Node.getName()) &&
         Cat->findType(qualifiedName(Node)) != nullptr;
}

// sizeof(f()), decltype(f()), noexcept(f()), requires { f(); }: f is never called there.
AST_MATCHER(Expr, isUnevaluatedOperand) {
  return isInUnevaluatedOperand(Node, Finder->getASTContext());
}

// `if constexpr (false) { f(); }`: the discarded branch is not part of the program.
AST_MATCHER(Stmt, isInDiscardedIfConstexprBranch) {
  return isInDiscardedBranch(Node, Finder->getASTContext());
}

// Lock tags make std::unique_lock and friends not lock (defer) or not wait (try, adopt).
bool hasNonBlockingTag(const CXXConstructExpr& Construct) {
  for (const Expr* Arg : Construct.arguments()) {
    const auto* Record = Arg->getType()->getAsCXXRecordDecl();
    if (!Record || !Record->getIdentifier()) continue;
    const auto Name = qualifiedName(*Record);
    if (Name == "std::defer_lock_t" || Name == "std::try_to_lock_t" || Name == "std::adopt_lock_t")
      return true;
  }
  return false;
}

// The class of the object a member is called on, as the caller wrote it: std::future<int> for
// fut.wait(), not the base class std::__basic_future that declares wait.
const CXXRecordDecl* objectClass(const CXXMemberCallExpr& Call) {
  const Expr* Object = Call.getImplicitObjectArgument();
  if (!Object) return nullptr;
  QualType Type = Object->IgnoreParenImpCasts()->getType();
  if (Type->isPointerType()) Type = Type->getPointeeType();
  const auto* Record = Type->getAsCXXRecordDecl();
  return Record && Record->getIdentifier() ? Record : nullptr;
}

// fut.get() / fut.wait() on the future an Asio operation returned for use_future: the
// operation completes on the executor that the waiting coroutine blocks, so this is
// sync-over-async (a deadlock on a one-thread executor), not an ordinary wait.
bool waitsOnUseFuture(const CallExpr& Call) {
  const auto* Member = dyn_cast<CXXMemberCallExpr>(&Call);
  if (!Member || !Member->getImplicitObjectArgument()) return false;
  const auto* Operation =
      dyn_cast<CallExpr>(Member->getImplicitObjectArgument()->IgnoreImplicit()->IgnoreParens());
  if (!Operation) return false;
  for (const Expr* Arg : Operation->arguments()) {
    const auto* Record = Arg->getType()->getAsCXXRecordDecl();
    if (!Record || !Record->getIdentifier() || Record->getName() != "use_future_t") continue;
    const auto Name = qualifiedName(*Record);
    if (Name == "boost::asio::use_future_t" || Name == "asio::use_future_t") return true;
  }
  return false;
}

}  // namespace

BlockingCallCheck::BlockingCallCheck(StringRef Name, ClangTidyContext* Context)
    : ClangTidyCheck(Name, Context),
      CatalogFile(Options.get(CatalogFileOption, "")),
      BlockingFunctions(Options.get(BlockingFunctionsOption, "")),
      BlockingTypes(Options.get(BlockingTypesOption, "")),
      AllowedFunctions(Options.get(AllowedFunctionsOption, "")),
      AllowedFiles(Options.get(AllowedFilesOption, "")),
      TransitiveDepth(Options.get(TransitiveDepthOption, 4u)),
      SummaryFile(Options.get(SummaryFileOption, "")),
      SummaryOutput(Options.get(SummaryOutputOption, "")) {
  Catalog = std::make_unique<::coscope::lint::Catalog>(::coscope::lint::Catalog::builtin());
  if (!CatalogFile.empty()) {
    auto Buffer = llvm::MemoryBuffer::getFile(CatalogFile);
    auto Loaded =
        Buffer ? ::coscope::lint::Catalog::fromJson((*Buffer)->getBuffer().str(), CatalogFile)
               : ::coscope::lint::Result<::coscope::lint::Catalog>(
                     ::coscope::lint::Error{CatalogFile + ": " + Buffer.getError().message()});
    if (Loaded)
      *Catalog = std::move(Loaded.value());
    else
      configurationDiag("cannot load catalog: %0") << Loaded.error().message;
  }
  for (const auto& Item : ::coscope::lint::splitList(BlockingFunctions))
    Catalog->addFunction(::coscope::lint::parseUserEntry(Item));
  for (const auto& Item : ::coscope::lint::splitList(BlockingTypes))
    Catalog->addType(::coscope::lint::parseUserEntry(Item));
  for (const auto& Item : ::coscope::lint::splitList(AllowedFunctions)) Catalog->allow(Item);
  // GlobPattern keeps a StringRef into its text: the texts live as long as the check.
  AllowedFileGlobTexts = ::coscope::lint::splitList(AllowedFiles);
  for (const auto& Glob : AllowedFileGlobTexts) {
    if (auto Pattern = llvm::GlobPattern::create(Glob))
      AllowedFileGlobs.push_back(std::move(*Pattern));
    else
      configurationDiag("invalid glob '%0' in %1: %2")
          << Glob << AllowedFilesOption << llvm::toString(Pattern.takeError());
  }
}

void BlockingCallCheck::storeOptions(ClangTidyOptions::OptionMap& Opts) {
  Options.store(Opts, CatalogFileOption, CatalogFile);
  Options.store(Opts, BlockingFunctionsOption, BlockingFunctions);
  Options.store(Opts, BlockingTypesOption, BlockingTypes);
  Options.store(Opts, AllowedFunctionsOption, AllowedFunctions);
  Options.store(Opts, AllowedFilesOption, AllowedFiles);
  Options.store(Opts, TransitiveDepthOption, TransitiveDepth);
  Options.store(Opts, SummaryFileOption, SummaryFile);
  Options.store(Opts, SummaryOutputOption, SummaryOutput);
}

void BlockingCallCheck::registerMatchers(MatchFinder* Finder) {
  // forCallable stops at the innermost function or lambda: that callable must be a coroutine.
  // Last in each matcher, being the costliest: only calls that would be reported walk up.
  const auto InCoroutine =
      allOf(forCallable(functionDecl(hasBody(coroutineBodyStmt())).bind("coroutine")),
            unless(isUnevaluatedOperand()), unless(isInDiscardedIfConstexprBranch()));
  // Calls spelled in system headers (Asio's internals call ::recv, ::poll, ...) are never
  // findings; testing that first keeps them away from the costlier matchers.
  Finder->addMatcher(
      callExpr(unless(isExpansionInSystemHeader()),
               callee(functionDecl(mayBeCatalogued(Catalog.get())).bind("callee")), InCoroutine)
          .bind("call"),
      this);
  Finder->addMatcher(
      cxxConstructExpr(unless(isExpansionInSystemHeader()), unless(argumentCountIs(0)),
                       hasDeclaration(cxxConstructorDecl(
                           unless(isCopyConstructor()), unless(isMoveConstructor()),
                           ofClass(cxxRecordDecl(isCataloguedType(Catalog.get())).bind("type")))),
                       InCoroutine)
          .bind("construct"),
      this);
  if (TransitiveDepth == 0) return;
  // Transitive blocking: every function defined outside system headers is summarised, and every
  // call in a coroutine to a function declared outside them is resolved at the end of the file.
  Finder->addMatcher(
      functionDecl(isDefinition(), unless(isExpansionInSystemHeader())).bind("definition"), this);
  Finder->addMatcher(
      callExpr(unless(isExpansionInSystemHeader()),
               callee(functionDecl(unless(isExpansionInSystemHeader())).bind("user-callee")),
               InCoroutine)
          .bind("user-call"),
      this);
  // Constructors run code too (destructors are implicit calls the AST does not show).
  Finder->addMatcher(
      cxxConstructExpr(unless(isExpansionInSystemHeader()),
                       hasDeclaration(cxxConstructorDecl(unless(isExpansionInSystemHeader()),
                                                         unless(isImplicit()))),
                       InCoroutine)
          .bind("user-construct"),
      this);
}

const CatalogEntry* BlockingCallCheck::lookup(const CallExpr& Call, const FunctionDecl& Callee,
                                              std::string& CalledName) const {
  const auto* Member = dyn_cast<CXXMemberCallExpr>(&Call);
  const CXXRecordDecl* Object = Member ? objectClass(*Member) : nullptr;
  // The member as called through the object's type is the name the user knows (and may have
  // allowed); the declaring class's name is the fallback, for a libstdc++ base like
  // std::__basic_future::wait.
  const std::string Declared = qualifiedName(Callee);
  CalledName = Object && isa<CXXMethodDecl>(Callee)
                   ? qualifiedName(*Object) + "::" + Callee.getName().str()
                   : Declared;
  if (Catalog->isAllowed(CalledName)) return nullptr;
  const CatalogEntry* Entry = Catalog->findFunction(CalledName);
  if (!Entry) Entry = Catalog->findFunction(Declared);
  if (Entry && Entry->cLinkage && !Callee.isExternC()) return nullptr;
  if (!Entry || Entry->receivers.empty()) return Entry;
  // Conditional entries: the object of a member call, or the first argument of a free call.
  const CXXRecordDecl* Receiver = Object;
  if (!Member && Call.getNumArgs() > 0)
    Receiver = Call.getArg(0)->IgnoreParenImpCasts()->getType()->getAsCXXRecordDecl();
  if (!Receiver) return nullptr;
  const auto Name = qualifiedName(*Receiver);
  for (const auto& Wanted : Entry->receivers)
    if (Name == Wanted) return Entry;
  return nullptr;
}

bool BlockingCallCheck::inAllowedFile(SourceLocation Loc, const SourceManager& SM) const {
  if (AllowedFileGlobs.empty()) return false;
  // Globs are written against absolute paths, whatever spelling the compile command used:
  // prefer the real path the file was opened with.
  llvm::SmallString<256> Path;
  if (auto Entry = SM.getFileEntryRefForID(SM.getFileID(Loc)))
    Path = Entry->getFileEntry().tryGetRealPathName();
  if (Path.empty()) {
    Path = SM.getFilename(Loc);
    SM.getFileManager().makeAbsolutePath(Path);
  }
  llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
  for (const auto& Glob : AllowedFileGlobs)
    if (Glob.match(Path)) return true;
  return false;
}

const CatalogEntry* BlockingCallCheck::lookupConstruct(const CXXConstructExpr& Construct,
                                                       std::string& TypeName) const {
  const CXXConstructorDecl* Constructor = Construct.getConstructor();
  if (!Constructor || Construct.getNumArgs() == 0 || Constructor->isCopyOrMoveConstructor() ||
      hasNonBlockingTag(Construct))
    return nullptr;
  const CXXRecordDecl* Type = Constructor->getParent();
  if (!Type->getIdentifier() || !Catalog->mayBeType(Type->getName())) return nullptr;
  TypeName = qualifiedName(*Type);
  return Catalog->findType(TypeName);
}

void BlockingCallCheck::check(const MatchFinder::MatchResult& Result) {
  Sources = Result.SourceManager;
  if (const auto* Definition = Result.Nodes.getNodeAs<FunctionDecl>("definition")) {
    summarize(*Definition, *Result.Context);
    return;
  }
  if (!SummaryOutput.empty()) return;  // collecting summaries only
  if (const auto* Call = Result.Nodes.getNodeAs<CallExpr>("user-call")) {
    const auto* Callee = Result.Nodes.getNodeAs<FunctionDecl>("user-callee");
    const auto* Coroutine = Result.Nodes.getNodeAs<FunctionDecl>("coroutine");
    if (Callee && Coroutine && !OnPool.runsOnPool(*Call, *Coroutine, *Result.Context))
      rememberCall(*Call, *Callee, *Coroutine, *Result.SourceManager);
    return;
  }
  if (const auto* Construct = Result.Nodes.getNodeAs<CXXConstructExpr>("user-construct")) {
    if (const auto* Coroutine = Result.Nodes.getNodeAs<FunctionDecl>("coroutine");
        Coroutine && !OnPool.runsOnPool(*Construct, *Coroutine, *Result.Context))
      rememberConstruct(*Construct, *Coroutine, *Result.SourceManager);
    return;
  }
  reportDirect(Result);
}

void BlockingCallCheck::reportDirect(const MatchFinder::MatchResult& Result) {
  const auto* Coroutine = Result.Nodes.getNodeAs<FunctionDecl>("coroutine");
  const Expr* Site = Result.Nodes.getNodeAs<CallExpr>("call");
  const CatalogEntry* Entry = nullptr;
  std::string BlockingName;  // "call to 'f'" or "construction of 'T'"
  if (const auto* Call = Result.Nodes.getNodeAs<CallExpr>("call")) {
    const auto* Callee = Result.Nodes.getNodeAs<FunctionDecl>("callee");
    std::string CalledName;
    if (!Callee || !(Entry = lookup(*Call, *Callee, CalledName))) return;
    BlockingName = "call to '" + CalledName + "'";
  } else if (const auto* Construct = Result.Nodes.getNodeAs<CXXConstructExpr>("construct")) {
    const auto* Type = Result.Nodes.getNodeAs<CXXRecordDecl>("type");
    if (!Type || hasNonBlockingTag(*Construct)) return;
    Entry = Catalog->findType(qualifiedName(*Type));
    BlockingName = "construction of '" + qualifiedName(*Type) + "'";
    Site = Construct;
  }
  if (!Coroutine || !Site || !Entry) return;
  // After an offload to a thread_pool, blocking is what the coroutine is there for.
  if (OnPool.runsOnPool(*Site, *Coroutine, *Result.Context)) return;

  const SourceManager& SM = *Result.SourceManager;
  const SourceLocation SpellingSite = Site->getExprLoc();
  // Macros: the finding belongs where the user wrote the macro; a note shows its body.
  const SourceLocation Loc = SM.getExpansionLoc(SpellingSite);
  if (inAllowedFile(Loc, SM) || !Reported.insert(Loc.getRawEncoding()).second) return;

  const auto* Call = dyn_cast<CallExpr>(Site);
  const auto& Family =
      Catalog->family(Call && waitsOnUseFuture(*Call) ? "sync-over-async" : Entry->family);
  diag(Loc, "blocking %0 inside coroutine %1 (%2); %3")
      << BlockingName << describeCoroutine(*Coroutine) << Family.title << Family.advice;
  // A token the macro pastes (guard_##m) is spelled in scratch space, which has no file (and
  // no macro name to show): the paste's first operand, in the macro body, stands for it.
  SourceLocation InMacro = SpellingSite;
  while (InMacro.isMacroID() && SM.isWrittenInScratchSpace(SM.getSpellingLoc(InMacro)))
    InMacro = SM.getImmediateExpansionRange(InMacro).getBegin();
  if (InMacro.isMacroID()) {
    const auto Macro = Lexer::getImmediateMacroNameForDiagnostics(InMacro, SM, getLangOpts());
    diag(SM.getSpellingLoc(InMacro), "the call comes from the expansion of macro '%0'",
         DiagnosticIDs::Note)
        << Macro;
  }
  if (!Entry->instead.empty())
    diag(Loc, "async alternative: %0", DiagnosticIDs::Note) << Entry->instead;
  diag(Coroutine->getLocation(), "inside coroutine %0 declared here", DiagnosticIDs::Note)
      << describeCoroutine(*Coroutine);
}

}  // namespace clang::tidy::coscope
