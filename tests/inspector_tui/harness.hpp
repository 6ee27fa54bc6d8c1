// Drives the UI without a terminal: keys go through the same dispatcher as in the real loop,
// and the screen is re-rendered only as each action's redraw mask says, so a wrong mask shows
// up as a stale screen in the tests.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "actions.hpp"
#include "frame.hpp"
#include "scenario.hpp"

namespace coscope::tui::testing {

class Harness {
 public:
  explicit Harness(Size size = {120, 40}, const Glyphs& glyphs = unicode_glyphs())
      : model_(load_scenario()),
        session_(*model_),
        state_(initial_state(*model_)),
        glyphs_(&glyphs),
        size_(size) {
    render(frame_, kRedrawAll, session_, state_, size_, *glyphs_);
  }

  RedrawMask press(Key key) {
    const RedrawMask mask = handle_key(key, state_, session_);
    render(frame_, mask, session_, state_, size_, *glyphs_);
    return mask;
  }
  void type(std::string_view text) {
    for (char c : text) press(static_cast<unsigned char>(c));
  }
  void resize(Size size) {
    size_ = size;
    press(keys::resize);
  }
  RedrawMask advance(Nanos elapsed) {
    const RedrawMask mask = tick(state_, session_, elapsed);
    render(frame_, mask, session_, state_, size_, *glyphs_);
    return mask;
  }

  std::vector<std::string> screen() const { return screen_text(frame_, *glyphs_); }
  std::string dump() const {
    std::string out;
    for (const std::string& row : screen()) out += row + "\n";
    return out;
  }
  bool shows(std::string_view text) const { return dump().find(text) != std::string::npos; }
  // The first screen row containing `text` (-1 when none).
  int row_of(std::string_view text) const {
    const auto rows = screen();
    for (std::size_t i = 0; i < rows.size(); ++i)
      if (rows[i].find(text) != std::string::npos) return static_cast<int>(i);
    return -1;
  }
  // The row drawn as the selection (-1 when none).
  int selected_row() const {
    const Rows rows = frame_.rows();
    for (std::size_t i = 0; i < rows.size(); ++i)
      if (rows[i].fill && rows[i].fill_style == Style::selected) return static_cast<int>(i);
    return -1;
  }
  std::string selected_text() const {
    const int row = selected_row();
    return row < 0 ? std::string() : screen()[static_cast<std::size_t>(row)];
  }

  const model::Model& model() const { return *model_; }
  ViewState& state() { return state_; }
  const Frame& frame() const { return frame_; }

 private:
  std::unique_ptr<model::Model> model_;
  Session session_;
  ViewState state_;
  Frame frame_;
  const Glyphs* glyphs_;
  Size size_;
};

}  // namespace coscope::tui::testing
