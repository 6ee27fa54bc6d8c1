#include "driver/baseline.h"
#include "driver/report.h"

namespace coscope::lint {
namespace {

struct Palette {
  const char* bold = "";
  const char* warning = "";
  const char* error = "";
  const char* note = "";
  const char* caret = "";
  const char* reset = "";
};

Palette palette(bool color) {
  if (!color) return {};
  return {"\033[1m", "\033[1;35m", "\033[1;31m", "\033[1;36m", "\033[1;32m", "\033[0m"};
}

std::string position(const Location& where, const std::string& root) {
  std::string out = relativeTo(where.file, root);
  if (where.line > 0) out += ":" + std::to_string(where.line) + ":" + std::to_string(where.column);
  return out;
}

// The line and a caret under the column, tabs kept so the caret lines up in a terminal.
std::string snippet(const std::string& line, unsigned column, const Palette& p) {
  if (line.empty() || column == 0) return {};
  std::string pad;
  for (unsigned i = 0; i + 1 < column && i < line.size(); ++i) pad += line[i] == '\t' ? '\t' : ' ';
  return line + "\n" + pad + p.caret + "^" + p.reset + "\n";
}

}  // namespace

std::string textReport(const std::vector<Finding>& findings, const ReportOptions& options) {
  const Palette p = palette(options.color);
  std::string out;
  for (const auto& f : findings) {
    const bool error = f.level == Level::Error;
    out += std::string(p.bold) + position(f.where, options.root) + ": " +
           (error ? p.error : p.warning) + (error ? "error: " : "warning: ") + p.reset + p.bold +
           f.message + " [" + f.check + "]" + p.reset + "\n";
    out += snippet(f.lineText, f.where.column, p);
    for (const auto& n : f.notes)
      out += std::string(p.bold) + position(n.where, options.root) + ": " + p.note +
             "note: " + p.reset + n.message + "\n";
  }
  return out;
}

}  // namespace coscope::lint
