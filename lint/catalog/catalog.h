// The catalog of blocking functions: data, not code. The built-in catalog is
// blocking_functions.json, embedded in the binary at build time; a config adds functions and
// types, or allows (removes) them. Names are qualified without a leading "::", without template
// arguments and without inline namespaces: "std::future::get", "std::basic_ifstream", "read".
// No clang headers here: the loader is plain data handling, shared by both front ends.
#pragma once

#include "support/result.h"

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace coscope::lint {

struct CatalogEntry {
  std::string name;     // qualified name of the function, or of the class whose construction blocks
  std::string family;   // id of the CatalogFamily it belongs to
  std::string instead;  // the async twin to suggest; empty when there is none
  // When not empty, the call blocks only when its object (member call) or first argument (free
  // function) is one of these classes: std::getline blocks on an ifstream, not on a stringstream.
  std::vector<std::string> receivers;
  // A catalog file's name in the global namespace is the C library's function ("send", "read"):
  // only a declaration with C language linkage is it, not the user's own void send(Message&).
  // Names a config adds with BlockingFunctions are the user's and match any declaration.
  bool cLinkage = false;
};

struct CatalogFamily {
  std::string id;      // "sleep", "file-io", ...
  std::string title;   // "sleeps"
  std::string advice;  // what to do instead, for the whole family
};

class Catalog {
 public:
  // The catalog shipped with the tool; parsed once, on first use.
  static const Catalog& builtin();
  // Parses the JSON catalog format (see docs/checks/coscope-blocking-call.md); origin names the
  // text in errors.
  static Result<Catalog> fromJson(std::string_view text, std::string_view origin);

  // Config extensions. A user entry whose family is unknown joins the "user" family.
  void addFunction(CatalogEntry entry);
  void addType(CatalogEntry entry);
  // Removes a function or type; returns false when the catalog does not contain it.
  bool allow(std::string_view name);
  // Whether allow() was given this name, also when the catalog did not contain it: a member
  // allowed as std::future::wait stays allowed when its declaration is std::__basic_future::wait.
  bool isAllowed(std::string_view qualifiedName) const {
    return allowed_.count(std::string(qualifiedName)) > 0;
  }

  const CatalogEntry* findFunction(std::string_view qualifiedName) const;
  const CatalogEntry* findType(std::string_view qualifiedName) const;
  // Cheap filters on the last name component, so callers compute a qualified name only for
  // the few declarations that can match.
  bool mayBeFunction(std::string_view leafName) const {
    return functionLeaves_.count(std::string(leafName)) > 0;
  }
  bool mayBeType(std::string_view leafName) const {
    return typeLeaves_.count(std::string(leafName)) > 0;
  }

  const CatalogFamily& family(std::string_view id) const;
  const std::vector<CatalogFamily>& families() const { return families_; }
  std::vector<const CatalogEntry*> entries() const;  // functions then types, sorted by name

 private:
  void add(CatalogEntry entry, std::unordered_map<std::string, CatalogEntry>& into,
           std::unordered_multiset<std::string>& leaves);

  std::vector<CatalogFamily> families_;
  std::unordered_map<std::string, CatalogEntry> functions_;
  std::unordered_map<std::string, CatalogEntry> types_;
  std::unordered_multiset<std::string> functionLeaves_;
  std::unordered_multiset<std::string> typeLeaves_;
  std::unordered_set<std::string> allowed_;
};

// Splits a ';'-separated option value (clang-tidy's list convention), trimming blanks.
std::vector<std::string> splitList(std::string_view text);
// Parses "name" or "name=instead" from a BlockingFunctions/BlockingTypes option item.
CatalogEntry parseUserEntry(std::string_view item);

}  // namespace coscope::lint
