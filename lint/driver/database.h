// The compilation database coscope-lint reads: compile_commands.json (-p, or found upward from
// the first file) or the compiler arguments after "--". A file the database does not list (a
// header, a new file) borrows the command of a similar listed file, as clang's tools do; a
// header whose extension does not say its language (`.h`, none) is parsed as C++ when the
// project is: coroutines exist only there.
#pragma once

#include "driver/runner.h"
#include "support/result.h"

#include <clang/Tooling/CompilationDatabase.h>

#include <memory>

namespace coscope::lint {

Result<std::unique_ptr<clang::tooling::CompilationDatabase>> openDatabase(
    const RunOptions& options);

}  // namespace coscope::lint
