#include "expectations.h"

#include <map>
#include <regex>
#include <sstream>

namespace coscope::lint::test {

std::vector<Expectation> parseExpectations(const std::string& source) {
  static const std::regex marker(R"(expect-(warning|note)(@([+-]\d+))?:\s*)");
  std::vector<Expectation> out;
  std::istringstream lines(source);
  std::string line;
  for (unsigned number = 1; std::getline(lines, line); ++number) {
    std::vector<std::smatch> marks;
    for (auto it = std::sregex_iterator(line.begin(), line.end(), marker);
         it != std::sregex_iterator(); ++it)
      marks.push_back(*it);
    for (std::size_t i = 0; i < marks.size(); ++i) {
      const auto begin = marks[i].position(0) + marks[i].length(0);
      const auto end = i + 1 < marks.size() ? marks[i + 1].position(0)
                                            : static_cast<std::ptrdiff_t>(line.size());
      std::string text = line.substr(begin, end - begin);
      while (!text.empty() && (text.back() == ' ' || text.back() == '/')) text.pop_back();
      const int offset = marks[i][3].matched ? std::stoi(marks[i][3].str()) : 0;
      out.push_back(
          {static_cast<unsigned>(static_cast<int>(number) + offset), marks[i][1] == "note", text});
    }
  }
  return out;
}

std::vector<std::string> compareWithFindings(const std::vector<Expectation>& expected,
                                             const std::vector<Finding>& findings,
                                             const std::string& file) {
  std::vector<std::string> problems;
  std::map<unsigned, std::vector<const Finding*>> warnings;  // by line, in this file only
  std::map<unsigned, std::vector<std::string>> notes;
  for (const auto& f : findings) {
    if (f.where.file == file) warnings[f.where.line].push_back(&f);
    for (const auto& n : f.notes)
      if (n.where.file == file) notes[n.where.line].push_back(n.message);
  }
  std::map<unsigned, std::vector<std::string>> expectedWarnings;
  for (const auto& e : expected) {
    if (!e.note) {
      expectedWarnings[e.line].push_back(e.text);
      continue;
    }
    bool found = false;
    for (const auto& message : notes[e.line])
      found = found || message.find(e.text) != std::string::npos;
    if (!found)
      problems.push_back("line " + std::to_string(e.line) + ": expected a note containing \"" +
                         e.text + "\"");
  }
  for (auto& [line, actual] : warnings) {
    auto& wanted = expectedWarnings[line];
    for (const Finding* f : actual) {
      auto match = std::find_if(wanted.begin(), wanted.end(), [&](const std::string& text) {
        return f->message.find(text) != std::string::npos;
      });
      if (match == wanted.end())
        problems.push_back("line " + std::to_string(line) + ": unexpected warning: " + f->message);
      else
        wanted.erase(match);
    }
  }
  for (const auto& [line, missing] : expectedWarnings)
    for (const auto& text : missing)
      problems.push_back("line " + std::to_string(line) + ": expected a warning containing \"" +
                         text + "\"");
  return problems;
}

}  // namespace coscope::lint::test
