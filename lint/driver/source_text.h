// Turns the byte offsets clang-tidy reports into line/column and gives the text of a line.
#pragma once

#include "driver/findings.h"

#include <map>
#include <string>
#include <vector>

namespace coscope::lint {

class SourceText {
 public:
  // A location for an offset in a file; line 0 when the file cannot be read.
  Location locate(const std::string& file, unsigned offset);
  // The text of a 1-based line without its newline; empty when unknown.
  std::string line(const std::string& file, unsigned line);

 private:
  struct File {
    std::string text;
    std::vector<unsigned> lineStarts;  // offset of the first byte of each line
  };
  const File& load(const std::string& file);

  std::map<std::string, File> files_;
};

}  // namespace coscope::lint
