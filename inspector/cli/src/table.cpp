#include "table.hpp"

#include <algorithm>
#include <ostream>

namespace coscope::inspect {

void Table::print(std::ostream& out, std::size_t indent) const {
  std::vector<std::size_t> width(columns_.size());
  for (std::size_t c = 0; c < columns_.size(); ++c) width[c] = columns_[c].header.size();
  for (const auto& row : rows_)
    for (std::size_t c = 0; c < row.size() && c < width.size(); ++c)
      width[c] = std::max(width[c], row[c].size());
  auto line = [&](auto cell) {
    std::string s(indent, ' ');
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      const std::string text = cell(c);
      const std::string pad(width[c] - std::min(width[c], text.size()), ' ');
      const bool last = c + 1 == columns_.size();
      if (columns_[c].align == Align::right)
        s += pad + text;
      else
        s += last ? text : text + pad;
      if (!last) s += "  ";
    }
    out << s << '\n';
  };
  line([&](std::size_t c) { return columns_[c].header; });
  for (const auto& row : rows_) line([&](std::size_t c) { return c < row.size() ? row[c] : ""; });
}

}  // namespace coscope::inspect
