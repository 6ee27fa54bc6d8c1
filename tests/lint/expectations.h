// Expected diagnostics written on the lines they belong to, in the test inputs:
//   code();  // expect-warning: TEXT      exactly the warnings listed on a line, TEXT a substring
//   code();  // expect-note: TEXT         at least one note on this line contains TEXT
//   // expect-note@-1: TEXT               the same, for the line 1 above (or @+N below)
#pragma once

#include "driver/findings.h"

#include <string>
#include <vector>

namespace coscope::lint::test {

struct Expectation {
  unsigned line = 0;
  bool note = false;
  std::string text;
};

std::vector<Expectation> parseExpectations(const std::string& source);

// Every mismatch as a sentence; empty when the findings are exactly what the file expects.
std::vector<std::string> compareWithFindings(const std::vector<Expectation>& expected,
                                             const std::vector<Finding>& findings,
                                             const std::string& file);

}  // namespace coscope::lint::test
