// A plain-text table: columns padded to their widest cell, numbers right-aligned.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace coscope::inspect {

class Table {
 public:
  enum class Align { left, right };
  struct Column {
    std::string header;
    Align align = Align::left;
  };
  explicit Table(std::vector<Column> columns) : columns_(std::move(columns)) {}
  void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  std::size_t size() const { return rows_.size(); }
  // Writes the header and rows, each line indented by `indent` spaces.
  void print(std::ostream& out, std::size_t indent = 0) const;

 private:
  std::vector<Column> columns_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace coscope::inspect
