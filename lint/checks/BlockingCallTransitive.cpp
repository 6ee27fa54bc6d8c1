// coscope-blocking-call, transitive part: per-function summaries of this translation unit, the
// calls inside coroutines that reach a blocking call through them (or through the merged
// summaries of the whole compilation database that coscope-lint hands over), and the summary
// file coscope-lint asks for in its collecting pass.
#include "checks/BlockingCallCheck.h"
#include "checks/DiscardedBranch.h"
#include "checks/QualifiedName.h"
#include "checks/UnevaluatedOperand.h"

#include <clang/AST/ASTContext.h>
#include <clang/AST/ExprCXX.h>
#include <clang/AST/StmtCXX.h>
#include <clang/Index/USRGeneration.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/Path.h>
#include <llvm/Support/xxhash.h>

#include <map>
#include <memory>
#include <mutex>

using ::coscope::lint::CallEdge;
using ::coscope::lint::CatalogEntry;
using ::coscope::lint::FunctionSummary;
using ::coscope::lint::SiteRef;

namespace clang::tidy::coscope {
namespace {

std::string usrOf(const Decl& D) {
  llvm::SmallString<128> Usr;
  if (index::generateUSRForDecl(&D, Usr)) return {};
  return std::string(Usr);
}

std::string label(const FunctionDecl& Function) {
  if (const auto* Method = dyn_cast<CXXMethodDecl>(&Function);
      Method && Method->getParent()->isLambda())
    return "lambda";
  return "'" + qualifiedName(Function) + "'";
}

// A constructor of the program's own whose body and initializers are summarised: declared
// outside system headers, neither trivial nor defaulted (those run only members' own
// constructors, which a field's type names).
const CXXConstructorDecl* followedConstructor(const CXXConstructExpr& Construct,
                                              const SourceManager& SM) {
  const CXXConstructorDecl* Constructor = Construct.getConstructor();
  if (!Constructor || Constructor->isTrivial() || Constructor->isDefaulted() ||
      SM.isInSystemHeader(Constructor->getLocation()))
    return nullptr;
  return Constructor;
}

std::string absoluteFile(FileID File, const SourceManager& SM) {
  llvm::SmallString<256> Path;
  if (auto Entry = SM.getFileEntryRefForID(File)) {
    Path = Entry->getFileEntry().tryGetRealPathName();
    if (Path.empty()) Path = Entry->getName();
  }
  if (Path.empty()) return {};
  llvm::sys::fs::make_absolute(Path);
  llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
  return std::string(Path);
}

SiteRef siteOf(SourceLocation Loc, const SourceManager& SM) {
  Loc = SM.getExpansionLoc(Loc);
  const auto Decomposed = SM.getDecomposedLoc(Loc);
  return {absoluteFile(Decomposed.first, SM), SM.getLineNumber(Decomposed.first, Decomposed.second),
          SM.getColumnNumber(Decomposed.first, Decomposed.second)};
}

// Merged summaries are read once per process and path: coscope-lint runs many files.
std::shared_ptr<const ::coscope::lint::SummaryGraph> loadGraph(const std::string& Path) {
  static std::mutex Mutex;
  static std::map<std::string, std::shared_ptr<const ::coscope::lint::SummaryGraph>> Loaded;
  std::lock_guard Lock(Mutex);
  auto& Slot = Loaded[Path];
  if (!Slot) {
    auto Graph = std::make_shared<::coscope::lint::SummaryGraph>();
    if (auto Buffer = llvm::MemoryBuffer::getFile(Path))
      if (auto File = ::coscope::lint::summariesFromJson((*Buffer)->getBuffer().str()))
        Graph->add(std::move(File.value().functions));
    Slot = std::move(Graph);
  }
  return Slot;
}

// A virtual call runs the override of the dynamic type, which is not known here; a qualified
// call (s->Base::f()) runs Base::f itself.
bool dispatchesVirtually(const CallExpr& Call, const FunctionDecl& Callee) {
  const auto* Method = dyn_cast<CXXMethodDecl>(&Callee);
  if (!Method || !Method->isVirtual()) return false;
  const auto* Member = dyn_cast<CXXMemberCallExpr>(&Call);
  const auto* Named = Member ? dyn_cast<MemberExpr>(Member->getCallee()->IgnoreParens()) : nullptr;
  return !Named || !Named->hasQualifier();
}

}  // namespace

// What one function does when it runs: its first direct blocking call and its calls to
// functions outside system headers. A lambda's body is not part of it (it runs when the lambda
// is called, maybe on a pool: the lambda's operator() has its own summary, reached only through
// a call), nor are virtual calls (the override that runs is not known).
void BlockingCallCheck::summarize(const FunctionDecl& Definition, ASTContext& Context) {
  const Stmt* Body = Definition.getBody();
  if (!Body) return;
  std::string Usr = usrOf(Definition);
  if (Usr.empty() || Summaries.count(Usr)) return;
  const SourceManager& SM = Context.getSourceManager();
  FunctionSummary Summary;
  Summary.usr = Usr;
  Summary.name = label(Definition);
  Summary.coroutine = isa<CoroutineBodyStmt>(Body);
  // An allowed function is a boundary: whatever it calls is fine in this code base.
  if (Catalog->isAllowed(qualifiedName(Definition))) {
    Summaries[Usr] = std::move(Summary);
    return;
  }
  llvm::SmallVector<const Stmt*, 32> Work{Body};
  // A constructor runs its member and base initializers first.
  if (const auto* Constructor = dyn_cast<CXXConstructorDecl>(&Definition))
    for (auto It = Constructor->init_rbegin(); It != Constructor->init_rend(); ++It)
      if ((*It)->getInit()) Work.push_back((*It)->getInit());
  while (!Work.empty()) {
    const Stmt* S = Work.pop_back_val();
    if (!S || isa<LambdaExpr>(S)) continue;
    const CatalogEntry* Entry = nullptr;
    std::string What;
    if (const auto* Call = dyn_cast<CallExpr>(S)) {
      if (const FunctionDecl* Callee = Call->getDirectCallee()) {
        std::string CalledName;
        if ((Entry = lookup(*Call, *Callee, CalledName))) {
          What = "call to '" + CalledName + "'";
        } else if (!SM.isInSystemHeader(Callee->getLocation()) &&
                   !dispatchesVirtually(*Call, *Callee)) {
          if (std::string CalleeUsr = usrOf(*Callee); !CalleeUsr.empty())
            Summary.calls.push_back(
                {std::move(CalleeUsr), label(*Callee), siteOf(Call->getBeginLoc(), SM)});
        }
      }
    } else if (const auto* Construct = dyn_cast<CXXConstructExpr>(S)) {
      std::string TypeName;
      if ((Entry = lookupConstruct(*Construct, TypeName))) {
        What = "construction of '" + TypeName + "'";
      } else if (const CXXConstructorDecl* Constructor = followedConstructor(*Construct, SM)) {
        if (std::string CalleeUsr = usrOf(*Constructor); !CalleeUsr.empty())
          Summary.calls.push_back(
              {std::move(CalleeUsr), label(*Constructor), siteOf(Construct->getBeginLoc(), SM)});
      }
    }
    if (Entry && !Summary.blocking && !inAllowedFile(SM.getExpansionLoc(S->getBeginLoc()), SM)) {
      const auto& Family = Catalog->family(Entry->family);
      Summary.blocking = ::coscope::lint::BlockingSite{What, Family.title, Family.advice,
                                                       siteOf(S->getBeginLoc(), SM)};
    }
    // Depth first in source order: children pushed in reverse. Unevaluated operands and
    // discarded `if constexpr` branches never run (decltype is a type, not a child: it is not
    // walked at all).
    llvm::SmallVector<const Stmt*, 8> Children(S->child_begin(), S->child_end());
    for (auto It = Children.rbegin(); It != Children.rend(); ++It)
      if (*It && !isUnevaluatedChild(*S, **It) && !isDiscardedBranch(*S, **It, Context))
        Work.push_back(*It);
  }
  Summaries[Usr] = std::move(Summary);
}

void BlockingCallCheck::rememberCall(const CallExpr& Call, const FunctionDecl& Callee,
                                     const FunctionDecl& Coroutine, const SourceManager& SM) {
  std::string Ignored;
  if (lookup(Call, Callee, Ignored)) return;  // a direct finding
  if (dispatchesVirtually(Call, Callee)) return;
  const SourceLocation Loc = SM.getExpansionLoc(Call.getBeginLoc());
  if (inAllowedFile(Loc, SM)) return;
  std::string Usr = usrOf(Callee);
  if (!Usr.empty())
    Pending.push_back({Loc, std::move(Usr), "call to " + label(Callee), &Coroutine});
}

void BlockingCallCheck::rememberConstruct(const CXXConstructExpr& Construct,
                                          const FunctionDecl& Coroutine, const SourceManager& SM) {
  std::string Ignored;
  if (lookupConstruct(Construct, Ignored)) return;  // a direct finding
  const CXXConstructorDecl* Constructor = followedConstructor(Construct, SM);
  if (!Constructor) return;
  const SourceLocation Loc = SM.getExpansionLoc(Construct.getBeginLoc());
  if (inAllowedFile(Loc, SM)) return;
  std::string Usr = usrOf(*Constructor);
  if (!Usr.empty())
    Pending.push_back({Loc, std::move(Usr),
                       "construction of '" + qualifiedName(*Constructor->getParent()) + "'",
                       &Coroutine});
}

void BlockingCallCheck::onEndOfTranslationUnit() {
  if (!SummaryOutput.empty())
    writeSummaries();
  else
    reportTransitive();
  Summaries.clear();
  Pending.clear();
  OnPool.clear();
}

void BlockingCallCheck::reportTransitive() {
  if (Pending.empty() || !Sources) return;
  std::shared_ptr<const ::coscope::lint::SummaryGraph> Global;
  if (!SummaryFile.empty()) Global = loadGraph(SummaryFile);
  // This file's own summaries first: they are what the file says now.
  const auto Lookup = [&](const std::string& Usr) -> const FunctionSummary* {
    if (auto It = Summaries.find(Usr); It != Summaries.end()) return &It->second;
    return Global ? Global->find(Usr) : nullptr;
  };
  SourceManager& SM = *Sources;
  // A location in any file: files of other translation units are loaded into this one's
  // source manager so that notes can point into them.
  const auto Locate = [&](const SiteRef& At) -> SourceLocation {
    auto File = SM.getFileManager().getOptionalFileRef(At.file);
    if (!File) return {};
    FileID Id = SM.translateFile(*File);
    if (Id.isInvalid()) Id = SM.createFileID(*File, SourceLocation(), SrcMgr::C_User);
    return SM.translateLineCol(Id, At.line, At.column);
  };
  for (const PendingCall& Call : Pending) {
    const auto Chain =
        ::coscope::lint::shortestBlockingChain(Call.CalleeUsr, TransitiveDepth, Lookup);
    if (Chain.empty() || !Reported.insert(Call.Loc.getRawEncoding()).second) continue;
    const auto& Site = *Chain.back()->blocking;
    std::string Path;
    for (const FunctionSummary* F : Chain)
      Path += llvm::StringRef(F->name).trim('\'').str() + " -> ";
    Path += llvm::StringRef(Site.what).split('\'').second.rsplit('\'').first.str();
    diag(Call.Loc, "%0 inside coroutine %1 blocks: %2 (%3); %4")
        << Call.What << label(*Call.Coroutine) << Path << Site.family << Site.advice;
    for (std::size_t I = 0; I + 1 < Chain.size(); ++I)
      for (const CallEdge& Edge : Chain[I]->calls)
        if (Edge.usr == Chain[I + 1]->usr) {
          diag(Locate(Edge.at), "%0 calls %1 here", DiagnosticIDs::Note)
              << Chain[I]->name << Edge.name;
          break;
        }
    diag(Locate(Site.at), "%0 blocks here: %1", DiagnosticIDs::Note)
        << Chain.back()->name << Site.what;
    diag(Call.Coroutine->getLocation(), "inside coroutine %0 declared here", DiagnosticIDs::Note)
        << label(*Call.Coroutine);
  }
}

// The collecting pass of coscope-lint: this file's summaries, and the files they were computed
// from with a hash of their content (the main file and every header outside system headers).
void BlockingCallCheck::writeSummaries() {
  ::coscope::lint::SummaryFile Out;
  if (Sources) {
    const SourceManager& SM = *Sources;
    llvm::StringSet<> Seen;
    for (unsigned I = 0; I < SM.local_sloc_entry_size(); ++I) {
      const SrcMgr::SLocEntry& Entry = SM.getLocalSLocEntry(I);
      if (!Entry.isFile() || SrcMgr::isSystem(Entry.getFile().getFileCharacteristic())) continue;
      const SrcMgr::ContentCache& Content = Entry.getFile().getContentCache();
      if (!Content.OrigEntry) continue;
      llvm::SmallString<256> Path(Content.OrigEntry->getFileEntry().tryGetRealPathName());
      if (Path.empty()) Path = Content.OrigEntry->getName();
      llvm::sys::fs::make_absolute(Path);
      llvm::sys::path::remove_dots(Path, true);
      if (!Seen.insert(Path).second) continue;
      auto Buffer = Content.getBufferIfLoaded();
      if (!Buffer) continue;
      Out.dependencies.push_back({std::string(Path), llvm::xxh3_64bits(Buffer->getBuffer())});
    }
  }
  for (auto& Entry : Summaries) Out.functions.push_back(std::move(Entry.second));
  std::error_code Error;
  llvm::raw_fd_ostream Stream(SummaryOutput, Error);
  if (Error) {
    configurationDiag("cannot write summaries to '%0': %1") << SummaryOutput << Error.message();
    return;
  }
  Stream << ::coscope::lint::summariesToJson(Out);
}

}  // namespace clang::tidy::coscope
