// The name the catalog uses for a declaration: enclosing namespaces and classes joined by "::",
// without template arguments, inline namespaces (std::__cxx11, std::__1), anonymous scopes and
// extern "C" blocks. So std::ifstream's class is "std::basic_ifstream" on libstdc++ and libc++.
#pragma once

#include <clang/AST/Decl.h>
#include <clang/AST/DeclCXX.h>

#include <string>

namespace clang::tidy::coscope {

inline std::string qualifiedName(const NamedDecl& Decl) {
  // Operators and conversions have no identifier: "operator()", "operator int".
  const std::string Leaf = Decl.getDeclName().getAsString();
  llvm::SmallVector<StringRef, 8> Parts{Leaf};
  for (const DeclContext* Context = Decl.getDeclContext(); Context;
       Context = Context->getParent()) {
    if (const auto* Namespace = dyn_cast<NamespaceDecl>(Context)) {
      if (!Namespace->isInline() && !Namespace->isAnonymousNamespace())
        Parts.push_back(Namespace->getName());
    } else if (const auto* Record = dyn_cast<RecordDecl>(Context)) {
      if (Record->getIdentifier()) Parts.push_back(Record->getName());
    } else if (isa<FunctionDecl>(Context)) {
      break;  // a local entity: its function is not part of a catalog name
    }
  }
  std::string Name;
  for (auto It = Parts.rbegin(); It != Parts.rend(); ++It) {
    if (!Name.empty()) Name += "::";
    Name += *It;
  }
  return Name;
}

}  // namespace clang::tidy::coscope
