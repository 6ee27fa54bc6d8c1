#include "driver/source_text.h"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace coscope::lint {

const SourceText::File& SourceText::load(const std::string& path) {
  auto [it, inserted] = files_.try_emplace(path);
  if (!inserted) return it->second;
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  it->second.text = text.str();
  it->second.lineStarts.push_back(0);
  for (unsigned i = 0; i < it->second.text.size(); ++i)
    if (it->second.text[i] == '\n') it->second.lineStarts.push_back(i + 1);
  return it->second;
}

Location SourceText::locate(const std::string& file, unsigned offset) {
  Location loc{file, 0, 0};
  if (file.empty()) return loc;
  const File& f = load(file);
  if (f.text.empty() || offset > f.text.size()) return loc;
  const auto next = std::upper_bound(f.lineStarts.begin(), f.lineStarts.end(), offset);
  loc.line = static_cast<unsigned>(next - f.lineStarts.begin());
  loc.column = offset - f.lineStarts[loc.line - 1] + 1;
  return loc;
}

std::string SourceText::line(const std::string& file, unsigned line) {
  const File& f = load(file);
  if (line == 0 || line > f.lineStarts.size()) return {};
  const unsigned begin = f.lineStarts[line - 1];
  unsigned end =
      line < f.lineStarts.size() ? f.lineStarts[line] : static_cast<unsigned>(f.text.size());
  while (end > begin && (f.text[end - 1] == '\n' || f.text[end - 1] == '\r')) --end;
  return f.text.substr(begin, end - begin);
}

}  // namespace coscope::lint
