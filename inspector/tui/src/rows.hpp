// What views render to: rows of styled spans. Only the terminal layer turns styles into
// colours and attributes, so every view can be tested as plain strings.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace coscope::tui {

enum class Style : std::uint8_t {
  normal,
  dim,
  bold,
  title,     // the top bar
  header,    // a table's column headings
  selected,  // the row under the list cursor
  cursor,    // the time cursor's cell or event
  key,       // a key name in the footer or help
  running,
  scheduled,
  suspended,
  done,
  failed,
  warning,   // findings that `check` fails on
  note,      // findings that are context
  activity,  // bars of the activity chart
  prompt,    // the input line (filter, jump to time)
};
inline constexpr int kStyleCount = 17;

struct Span {
  std::string text;
  Style style = Style::normal;
};

struct Row {
  std::vector<Span> spans;
  // When set, the whole row is drawn in this style (selection bars), padded to the width.
  bool fill = false;
  Style fill_style = Style::normal;

  Row& add(std::string text, Style style = Style::normal) {
    spans.push_back({std::move(text), style});
    return *this;
  }
  std::string text() const {
    std::string out;
    for (const Span& span : spans) out += span.text;
    return out;
  }
};

using Rows = std::vector<Row>;

inline Row text_row(std::string text, Style style = Style::normal) {
  Row row;
  row.add(std::move(text), style);
  return row;
}

}  // namespace coscope::tui
