#include "frame.hpp"

#include "text.hpp"

namespace coscope::tui {
namespace {

constexpr std::size_t kHeaderRows = 3;  // title, activity strip, axis

// Views aim to fit their width; this makes it a guarantee (the terminal layer and the tests
// then see exactly what fits).
void clip_to(Row& row, std::size_t width, const Glyphs& glyphs) {
  std::size_t left = width;
  std::size_t kept = 0;
  for (; kept < row.spans.size(); ++kept) {
    Span& span = row.spans[kept];
    const std::size_t w = display_width(span.text);
    if (w > left) {
      span.text = clip(span.text, left, glyphs);
      ++kept;
      break;
    }
    left -= w;
  }
  row.spans.resize(kept);
}

Rows render_body(Session& session, ViewState& state, Size body, const Glyphs& glyphs) {
  switch (state.view) {
    case ViewId::tasks:
      return render_tasks(session, state, body, glyphs);
    case ViewId::tree:
      return render_tree(session, state, body, glyphs);
    case ViewId::timeline:
      return render_timeline(session, state, body, glyphs);
    case ViewId::findings:
      return render_findings(session, state, body, glyphs);
    case ViewId::detail:
      return render_detail(session, state, body, glyphs);
    case ViewId::help:
      return render_help(state, body, glyphs);
  }
  return {};
}

}  // namespace

Rows Frame::rows() const {
  Rows out;
  for (const Row& row : header)
    if (out.size() < size.height) out.push_back(row);
  for (const Row& row : body)
    if (out.size() + 1 < size.height) out.push_back(row);
  while (out.size() + 1 < size.height) out.emplace_back();
  if (out.size() < size.height) out.push_back(footer);
  return out;
}

void render(Frame& frame, RedrawMask mask, Session& session, ViewState& state, Size size,
            const Glyphs& glyphs) {
  if (size.width != frame.size.width || size.height != frame.size.height) mask |= kRedrawAll;
  frame.size = size;
  // Tiny terminals get only what fits; the body needs at least one row.
  const std::size_t header_rows = size.height >= kHeaderRows + 2 ? kHeaderRows : 1;
  const std::size_t body_rows = size.height > header_rows + 1 ? size.height - header_rows - 1 : 0;
  // The body first: it settles the selection that the title and footer may show.
  if (mask & kRedrawBody) frame.body = render_body(session, state, {size.width, body_rows}, glyphs);
  if (mask & kRedrawHeader) {
    frame.header.clear();
    frame.header.push_back(render_title(session, state, size.width, glyphs));
    if (header_rows == kHeaderRows)
      for (Row& row : render_time_strip(session, state, size.width, glyphs))
        frame.header.push_back(std::move(row));
  }
  if (mask & kRedrawFooter) frame.footer = render_footer(state, size.width, glyphs);
  for (Row& row : frame.header) clip_to(row, size.width, glyphs);
  for (Row& row : frame.body) clip_to(row, size.width, glyphs);
  clip_to(frame.footer, size.width, glyphs);
}

std::vector<std::string> screen_text(const Frame& frame, const Glyphs& glyphs) {
  std::vector<std::string> out;
  for (const Row& row : frame.rows()) out.push_back(fit(row.text(), frame.size.width, glyphs));
  return out;
}

}  // namespace coscope::tui
