// clang-tidy's runClangTidy, with the checks' AST traversal limited to the user's own code.
//
// clang-tidy's MatchFinder visits every declaration of the translation unit, so a file that
// includes <boost/asio.hpp> spends most of its matching time (and the parent map that
// forCallable builds) in the standard library and Asio. Findings are never reported there, so
// before the checks run, the traversal scope is set to the top-level declarations that are not
// in system headers, as clangd does for its main-file-only checks. Everything reachable from a
// user declaration is still visited: lambdas, out-of-line members, and the instantiations of a
// user template, wherever they were instantiated from.
#pragma once

#include <clang-tidy/ClangTidy.h>
#include <clang/Tooling/CompilationDatabase.h>
#include <llvm/Support/VirtualFileSystem.h>

#include <string>
#include <vector>

namespace coscope::lint {

std::vector<clang::tidy::ClangTidyError> runChecksOnUserCode(
    clang::tidy::ClangTidyContext& context, const clang::tooling::CompilationDatabase& db,
    const std::string& file, llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> fs);

}  // namespace coscope::lint
