#include "driver/database.h"

#include <clang/Basic/LangStandard.h>
#include <clang/Driver/Types.h>
#include <clang/Tooling/JSONCompilationDatabase.h>
#include <llvm/Support/Path.h>

#include <optional>

namespace coscope::lint {
namespace {

namespace tooling = clang::tooling;
namespace types = clang::driver::types;

types::ID typeOfFile(llvm::StringRef file) {
  const llvm::StringRef extension = llvm::sys::path::extension(file);
  return extension.empty() ? types::TY_INVALID
                           : types::lookupTypeForExtension(extension.drop_front());
}

// `.h`, no extension or one the driver does not know: only the command tells the language.
bool languageOpen(llvm::StringRef file) {
  const types::ID type = typeOfFile(file);
  return type == types::TY_CHeader || type == types::TY_INVALID;
}

// What a command says about the language of its input: the -x given (C++ or not), and the
// language of its -std (C++ or C).
struct Language {
  std::optional<bool> cxxByX;
  std::optional<bool> cxxByStd;
};

Language languageOf(const std::vector<std::string>& args) {
  Language language;
  for (std::size_t i = 1; i < args.size() && args[i] != "--"; ++i) {
    llvm::StringRef arg = args[i];
    if (arg == "-x" && i + 1 < args.size())
      language.cxxByX = llvm::StringRef(args[i + 1]).starts_with("c++");
    if (!arg.consume_front("-std=") && !arg.consume_front("--std=")) continue;
    if (const auto kind = clang::LangStandard::getLangKind(arg);
        kind != clang::LangStandard::lang_unspecified)
      language.cxxByStd = clang::LangStandard::getLangStandardForKind(kind).isCPlusPlus();
  }
  return language;
}

bool isCxx(const tooling::CompileCommand& command) {
  const Language language = languageOf(command.CommandLine);
  if (language.cxxByX) return *language.cxxByX;
  if (language.cxxByStd) return *language.cxxByStd;
  return types::isCXX(typeOfFile(command.Filename));
}

// The listed files, all of them or only those compiled as C++: what a file the database does
// not list may borrow a command from.
class Listed : public tooling::CompilationDatabase {
 public:
  Listed(const tooling::CompilationDatabase& all, bool onlyCxx) : all_(all) {
    for (const auto& file : all.getAllFiles()) {
      if (!onlyCxx) {
        files_.push_back(file);
      } else if (const auto commands = all.getCompileCommands(file);
                 !commands.empty() && isCxx(commands.front())) {
        files_.push_back(file);
      }
    }
  }
  std::vector<tooling::CompileCommand> getCompileCommands(llvm::StringRef file) const override {
    return all_.getCompileCommands(file);
  }
  std::vector<std::string> getAllFiles() const override { return files_; }

 private:
  const tooling::CompilationDatabase& all_;
  std::vector<std::string> files_;
};

// A header of a C++ project is C++. Clang's interpolation gives a file the database does not
// list the command of the most similar listed file, in that file's language: C for util.h next
// to util.c. Here an open-language file borrows from the C++ files when there are any, and a
// command that still does not say its language (the arguments after "--", compile_flags.txt,
// a listed header) gets `-x c++-header` unless the project has no C++ file.
class HeadersAsCxx : public tooling::CompilationDatabase {
 public:
  explicit HeadersAsCxx(std::unique_ptr<tooling::CompilationDatabase> database)
      : database_(std::move(database)),
        any_(tooling::inferMissingCompileCommands(std::make_unique<Listed>(*database_, false))) {
    auto cxx = std::make_unique<Listed>(*database_, true);
    projectIsCxx_ = database_->getAllFiles().empty() || !cxx->getAllFiles().empty();
    if (!cxx->getAllFiles().empty()) cxx_ = tooling::inferMissingCompileCommands(std::move(cxx));
  }
  std::vector<tooling::CompileCommand> getCompileCommands(llvm::StringRef file) const override {
    if (!languageOpen(file)) return any_->getCompileCommands(file);
    auto commands = database_->getCompileCommands(file);
    if (commands.empty()) commands = (cxx_ ? cxx_ : any_)->getCompileCommands(file);
    if (projectIsCxx_)
      for (auto& command : commands)
        if (auto& args = command.CommandLine; !args.empty()) {
          const Language language = languageOf(args);
          // Unless it asks for C; -x applies to the inputs after it.
          if (!language.cxxByX && language.cxxByStd.value_or(true))
            args.insert(args.begin() + 1, {"-x", "c++-header"});
        }
    return commands;
  }
  std::vector<std::string> getAllFiles() const override { return database_->getAllFiles(); }
  std::vector<tooling::CompileCommand> getAllCompileCommands() const override {
    return database_->getAllCompileCommands();
  }

 private:
  std::unique_ptr<tooling::CompilationDatabase> database_;
  std::unique_ptr<tooling::CompilationDatabase> any_;
  std::unique_ptr<tooling::CompilationDatabase> cxx_;  // null: the database lists no C++ file
  bool projectIsCxx_ = true;
};

std::string madeAbsolute(llvm::StringRef path) {
  llvm::SmallString<256> full(path);
  llvm::sys::fs::make_absolute(full);
  llvm::sys::path::remove_dots(full, true);
  return std::string(full);
}

}  // namespace

Result<std::unique_ptr<tooling::CompilationDatabase>> openDatabase(const RunOptions& options) {
  std::unique_ptr<tooling::CompilationDatabase> db;
  std::string error;
  if (options.hasFixedArgs) {
    db = std::make_unique<tooling::FixedCompilationDatabase>(".", options.fixedArgs);
  } else if (!options.buildDir.empty()) {
    llvm::SmallString<256> path(options.buildDir);
    llvm::sys::path::append(path, "compile_commands.json");
    db = tooling::JSONCompilationDatabase::loadFromFile(path, error,
                                                        tooling::JSONCommandLineSyntax::AutoDetect);
  } else if (!options.files.empty()) {
    db = tooling::CompilationDatabase::autoDetectFromSource(madeAbsolute(options.files.front()),
                                                            error);
  }
  if (!db)
    return Error{"no compilation database" + (error.empty() ? std::string() : ": " + error) +
                 " (pass -p BUILD_DIR, or compiler arguments after '--')"};
  return std::unique_ptr<tooling::CompilationDatabase>(
      std::make_unique<HeadersAsCxx>(std::move(db)));
}

}  // namespace coscope::lint
