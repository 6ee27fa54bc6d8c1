#include "driver/user_code_tidy.h"

#include <clang-tidy/ClangTidyDiagnosticConsumer.h>
#include <clang-tidy/ClangTidyModule.h>  // the factory's members, for its destructor
#include <clang/AST/ASTConsumer.h>
#include <clang/AST/ASTContext.h>
#include <clang/Frontend/CompilerInstance.h>
#include <clang/Frontend/FrontendAction.h>
#include <clang/Frontend/MultiplexConsumer.h>
#include <clang/Lex/PreprocessorOptions.h>
#include <clang/Tooling/ArgumentsAdjusters.h>
#include <clang/Tooling/Tooling.h>
#include <llvm/ADT/STLExtras.h>

namespace coscope::lint {
namespace {

namespace tidy = clang::tidy;
namespace tooling = clang::tooling;

// Runs before clang-tidy's consumer in the same HandleTranslationUnit: restricts what the
// checks' matchers (and the parent map) traverse to declarations outside system headers.
class UserCodeScope : public clang::ASTConsumer {
 public:
  void HandleTranslationUnit(clang::ASTContext& context) override {
    const clang::SourceManager& sm = context.getSourceManager();
    std::vector<clang::Decl*> scope;
    for (clang::Decl* decl : context.getTranslationUnitDecl()->decls()) {
      const clang::SourceLocation loc = decl->getLocation();
      // Implicit declarations (__builtin_va_list, ...) have no user code below them.
      if (decl->isImplicit() || loc.isInvalid()) continue;
      // The expansion: a declaration a system macro produces in user code is user code.
      if (sm.isInSystemHeader(sm.getExpansionLoc(loc))) continue;
      scope.push_back(decl);
    }
    context.setTraversalScope(scope);
  }
};

class Action : public clang::ASTFrontendAction {
 public:
  explicit Action(tidy::ClangTidyASTConsumerFactory& factory) : factory_(factory) {}
  std::unique_ptr<clang::ASTConsumer> CreateASTConsumer(clang::CompilerInstance& compiler,
                                                        llvm::StringRef file) override {
    std::vector<std::unique_ptr<clang::ASTConsumer>> consumers;
    consumers.push_back(std::make_unique<UserCodeScope>());
    consumers.push_back(factory_.createASTConsumer(compiler, file));
    return std::make_unique<clang::MultiplexConsumer>(std::move(consumers));
  }

 private:
  tidy::ClangTidyASTConsumerFactory& factory_;
};

class ActionFactory : public tooling::FrontendActionFactory {
 public:
  ActionFactory(tidy::ClangTidyContext& context,
                llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> fs)
      : factory_(context, std::move(fs)) {}
  std::unique_ptr<clang::FrontendAction> create() override {
    return std::make_unique<Action>(factory_);
  }
  bool runInvocation(std::shared_ptr<clang::CompilerInvocation> invocation,
                     clang::FileManager* files, std::shared_ptr<clang::PCHContainerOperations> pch,
                     clang::DiagnosticConsumer* diagnostics) override {
    // As clang-tidy does: code guarded by __clang_analyzer__ is seen the same way by the plugin.
    invocation->getPreprocessorOpts().SetUpStaticAnalyzer = true;
    return FrontendActionFactory::runInvocation(std::move(invocation), files, std::move(pch),
                                                diagnostics);
  }

 private:
  tidy::ClangTidyASTConsumerFactory factory_;
};

}  // namespace

std::vector<tidy::ClangTidyError> runChecksOnUserCode(
    tidy::ClangTidyContext& context, const tooling::CompilationDatabase& db,
    const std::string& file, llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> fs) {
  tooling::ClangTool tool(db, {file}, std::make_shared<clang::PCHContainerOperations>(), fs);
  // The options' extra arguments (resource dir, ...), as clang-tidy adds them.
  tool.appendArgumentsAdjuster(
      [&context](const tooling::CommandLineArguments& args, llvm::StringRef filename) {
        const tidy::ClangTidyOptions options = context.getOptionsForFile(filename);
        tooling::CommandLineArguments adjusted = args;
        if (options.ExtraArgsBefore) {
          auto at = adjusted.begin();
          if (at != adjusted.end() && !llvm::StringRef(*at).starts_with("-")) ++at;  // the compiler
          adjusted.insert(at, options.ExtraArgsBefore->begin(), options.ExtraArgsBefore->end());
        }
        // Before a "--": everything after it is an input file to the driver, and a command
        // the database borrows for a file it does not list ends with "-- <file>".
        if (options.ExtraArgs)
          adjusted.insert(llvm::find(adjusted, "--"), options.ExtraArgs->begin(),
                          options.ExtraArgs->end());
        return adjusted;
      });
  tool.appendArgumentsAdjuster(tooling::getStripPluginsAdjuster());
  // Databases of g++ builds carry g++-only warning flags (-Wno-error=restrict, -Wno-tsan); with
  // -Werror clang would refuse the file over them, and they do not change what we check.
  tool.appendArgumentsAdjuster(tooling::getInsertArgumentAdjuster(
      "-Wno-unknown-warning-option", tooling::ArgumentInsertPosition::END));

  tidy::ClangTidyDiagnosticConsumer consumer(context, nullptr, /*RemoveIncompatibleErrors=*/true,
                                             /*GetFixesFromNotes=*/false);
  clang::DiagnosticsEngine engine(new clang::DiagnosticIDs(), new clang::DiagnosticOptions(),
                                  &consumer, /*ShouldOwnClient=*/false);
  context.setDiagnosticsEngine(&engine);
  tool.setDiagnosticConsumer(&consumer);
  // ClangTool's "Error while processing FILE." says nothing the collected errors do not: the
  // report renders them, and the summary pass must stay quiet about files not asked for.
  tool.setPrintErrorMessage(false);
  ActionFactory factory(context, std::move(fs));
  tool.run(&factory);
  return consumer.take();
}

}  // namespace coscope::lint
