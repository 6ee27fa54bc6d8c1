// What a lint run produces, in plain data the reporters and the baseline work on. No clang
// types here: reporters and tests never need clang headers.
#pragma once

#include <string>
#include <vector>

namespace coscope::lint {

struct Location {
  std::string file;     // absolute path, as normalized by the runner
  unsigned line = 0;    // 1-based; 0 when the diagnostic has no location
  unsigned column = 0;  // 1-based, in bytes like clang
};

struct Note {
  Location where;
  std::string message;
};

enum class Level { Warning, Error };

struct Finding {
  std::string check;  // "coscope-blocking-call", or "clang-diagnostic-error" for compile errors
  Level level = Level::Warning;
  Location where;
  std::string message;
  std::vector<Note> notes;
  std::string fingerprint;  // stable across line moves; see fingerprint.h
  std::string lineText;     // the source line, for text output and the fingerprint
};

struct LintOutput {
  std::vector<Finding> findings;            // check warnings, sorted by file, line, column
  std::vector<Finding> errors;              // clang errors of files that could not be parsed
  std::vector<std::string> failedFiles;     // files whose parse failed (exit code 3)
  std::vector<std::string> configProblems;  // bad check options met while running (exit code 2)
  std::size_t filesChecked = 0;
};

}  // namespace coscope::lint
