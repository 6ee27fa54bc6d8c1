#include "driver/baseline.h"
#include "driver/report.h"

#include <algorithm>

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

// A line too long for a terminal (generated code, minified tables) is cut to the part around
// the column, at UTF-8 character boundaries; the caret still points at the column.
constexpr std::size_t kLongLine = 200;
constexpr std::size_t kContext = 80;  // bytes kept on each side of the column

std::string cutLongLine(const std::string& line, unsigned& column) {
  if (line.size() <= kLongLine || column == 0) return line;
  const auto boundary = [&](std::size_t i) {
    while (i < line.size() && (static_cast<unsigned char>(line[i]) & 0xC0) == 0x80) ++i;
    return i;
  };
  const std::size_t at = std::min<std::size_t>(column - 1, line.size());
  const std::size_t begin = at > kContext ? boundary(at - kContext) : 0;
  const std::size_t end = boundary(std::min(line.size(), at + kContext));
  std::string out = begin > 0 ? "..." : "";
  column = static_cast<unsigned>(at - begin + out.size() + 1);
  out += line.substr(begin, end - begin);
  if (end < line.size()) out += "...";
  return out;
}

// The line and a caret under the column, tabs kept so the caret lines up in a terminal.
std::string snippet(const std::string& fullLine, unsigned column, const Palette& p) {
  if (fullLine.empty() || column == 0) return {};
  const std::string line = cutLongLine(fullLine, column);
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
