// The whole screen as rows: title, time strip, the current view, footer. Parts are rendered
// again only when an action said they changed.
#pragma once

#include "actions.hpp"
#include "views.hpp"

namespace coscope::tui {

struct Frame {
  Rows header;  // title and time strip
  Rows body;
  Row footer;
  Size size;

  // Every row of the screen, top to bottom (exactly size.height rows).
  Rows rows() const;
};

// Re-renders the parts of `frame` named by `mask` (everything when the size changed).
void render(Frame& frame, RedrawMask mask, Session& session, ViewState& state, Size size,
            const Glyphs& glyphs);

// Rows of the screen as plain text, for tests: each row cut or padded to the width.
std::vector<std::string> screen_text(const Frame& frame, const Glyphs& glyphs);

}  // namespace coscope::tui
