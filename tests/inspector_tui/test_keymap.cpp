#include <gtest/gtest.h>

#include <set>

#include "keymap.hpp"
#include "text.hpp"

namespace coscope::tui {
namespace {

TEST(Keymap, NoKeyIsBoundTwiceInOneView) {
  for (int v = 0; v < kViewCount; ++v) {
    std::set<Key> seen;
    for (const Binding& binding : bindings()) {
      if ((binding.views & (1u << v)) == 0) continue;
      for (Key key : binding.keys)
        EXPECT_TRUE(seen.insert(key).second) << "key " << key << " twice in view " << v;
    }
  }
}

TEST(Keymap, TheIssueKeysAreBoundWhereExpected) {
  EXPECT_EQ(find_binding('q', ViewId::detail)->action, Action::quit);
  EXPECT_EQ(find_binding('?', ViewId::tasks)->action, Action::help);
  EXPECT_EQ(find_binding(keys::left, ViewId::tasks)->action, Action::sort_left);
  EXPECT_EQ(find_binding('l', ViewId::tasks)->action, Action::sort_right);
  EXPECT_EQ(find_binding('i', ViewId::tasks)->action, Action::sort_invert);
  EXPECT_EQ(find_binding('/', ViewId::tree)->action, Action::filter);
  EXPECT_EQ(find_binding('j', ViewId::findings)->action, Action::down);
  EXPECT_EQ(find_binding(keys::page_down, ViewId::tasks)->action, Action::page_down);
  EXPECT_EQ(find_binding('G', ViewId::tasks)->action, Action::bottom);
  EXPECT_EQ(find_binding('.', ViewId::detail)->action, Action::next_event);
  EXPECT_EQ(find_binding(',', ViewId::timeline)->action, Action::prev_event);
  EXPECT_EQ(find_binding(' ', ViewId::tasks)->action, Action::play_pause);
  EXPECT_EQ(find_binding('N', ViewId::findings)->action, Action::prev_finding);
  EXPECT_EQ(find_binding(keys::enter, ViewId::findings)->action, Action::open);
  EXPECT_EQ(find_binding(keys::escape, ViewId::detail)->action, Action::back);
  // Sorting is a table thing: not bound in the detail view.
  EXPECT_EQ(find_binding('h', ViewId::detail), nullptr);
}

TEST(Keymap, FooterComesFromTheTableAndFitsTheWidth) {
  const Glyphs& u = unicode_glyphs();
  const Row wide = footer_row(ViewId::tasks, 200, u);
  EXPECT_NE(wide.text().find("q quit"), std::string::npos) << wide.text();
  EXPECT_NE(wide.text().find("← → sort"), std::string::npos) << wide.text();
  EXPECT_NE(wide.text().find("n N finding"), std::string::npos) << wide.text();
  const Row narrow = footer_row(ViewId::tasks, 30, u);
  EXPECT_LE(display_width(narrow.text()), 30u);
  EXPECT_NE(narrow.text().find("q quit"), std::string::npos);
  // The detail view has no sort, but has its pane switch.
  const Row detail = footer_row(ViewId::detail, 200, u);
  EXPECT_EQ(detail.text().find("sort"), std::string::npos);
  EXPECT_NE(detail.text().find("Tab pane"), std::string::npos);
  EXPECT_NE(footer_row(ViewId::tasks, 200, ascii_glyphs()).text().find("Left Right sort"),
            std::string::npos);
}

TEST(Keymap, HelpListsEveryBinding) {
  const Rows rows = help_rows(unicode_glyphs());
  EXPECT_EQ(rows.size(), bindings().size() + 1);
  std::string all;
  for (const Row& row : rows) all += row.text() + "\n";
  for (const Binding& binding : bindings())
    EXPECT_NE(all.find(binding.help), std::string::npos) << binding.help;
  EXPECT_NE(all.find("PgDn"), std::string::npos);
}

TEST(Keymap, GlyphsFollowTheLocaleAndCoscopeAscii) {
  EXPECT_TRUE(choose_glyphs("UTF-8", nullptr).unicode);
  EXPECT_TRUE(choose_glyphs("utf8", "0").unicode);
  EXPECT_FALSE(choose_glyphs("UTF-8", "1").unicode);
  EXPECT_FALSE(choose_glyphs("ANSI_X3.4-1968", nullptr).unicode);
  EXPECT_FALSE(choose_glyphs(nullptr, nullptr).unicode);
}

}  // namespace
}  // namespace coscope::tui
