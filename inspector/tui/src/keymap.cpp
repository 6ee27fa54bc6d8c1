#include "keymap.hpp"

#include "text.hpp"

namespace coscope::tui {
namespace {

constexpr ViewMask kLists = view_bit(ViewId::tasks) | view_bit(ViewId::tree) |
                            view_bit(ViewId::findings) | view_bit(ViewId::timeline) |
                            view_bit(ViewId::detail) | view_bit(ViewId::help);
constexpr ViewMask kTaskViews = view_bit(ViewId::tasks) | view_bit(ViewId::tree);
constexpr ViewMask kTimeViews = kAllViews & ~view_bit(ViewId::help);

// Order matters: the footer shows labels in this order and drops the last ones first.
const std::vector<Binding>& table() {
  using namespace keys;
  static const std::vector<Binding> kTable = {
      {{'q'}, Action::quit, kAllViews, "quit", "Quit (the terminal is restored)"},
      {{'?'}, Action::help, kAllViews, "help", "Show or hide this help"},
      {{enter},
       Action::open,
       kTaskViews | view_bit(ViewId::findings) | view_bit(ViewId::timeline),
       "open",
       "Open the selected task; on a finding, jump to its moment and task"},
      {{enter},
       Action::open,
       view_bit(ViewId::detail),
       "go to",
       "Move the time cursor to the selected event or log"},
      {{escape}, Action::back, kAllViews, "back", "Back to the previous view (clears a filter)"},
      {{'/'},
       Action::filter,
       kTaskViews,
       "filter",
       "Filter tasks by text (name, id, state, spawn site); Esc clears"},
      {{'s'},
       Action::state_filter,
       kTaskViews,
       "state",
       "Cycle the state filter: all, live, running, scheduled, suspended, done, failed"},
      {{left, 'h'},
       Action::sort_left,
       view_bit(ViewId::tasks),
       "sort",
       "Sort by the column to the left"},
      {{right, 'l'},
       Action::sort_right,
       view_bit(ViewId::tasks),
       "sort",
       "Sort by the column to the right"},
      {{'i'}, Action::sort_invert, view_bit(ViewId::tasks), "invert", "Invert the sort order"},
      {{'.'}, Action::next_event, kTimeViews, "time", "Time cursor to the next event"},
      {{','}, Action::prev_event, kTimeViews, "time", "Time cursor to the previous event"},
      {{']'},
       Action::next_task_event,
       kTimeViews,
       "task event",
       "Time cursor to the selected task's next event"},
      {{'['},
       Action::prev_task_event,
       kTimeViews,
       "task event",
       "Time cursor to the selected task's previous event"},
      {{'n'},
       Action::next_finding,
       kTimeViews,
       "finding",
       "Time cursor to the next finding (selects its task)"},
      {{'N'},
       Action::prev_finding,
       kTimeViews,
       "finding",
       "Time cursor to the previous finding (selects its task)"},
      {{' '}, Action::play_pause, kTimeViews, "play", "Play or pause the replay"},
      {{'+', '='}, Action::faster, kTimeViews, "speed", "Replay faster"},
      {{'-'}, Action::slower, kTimeViews, "speed", "Replay slower"},
      {{'t'},
       Action::jump_time,
       kTimeViews,
       "jump",
       "Jump to a time: 1.5s, 250ms, 40us, 50% of the trace, +10ms, -1s (from the cursor)"},
      {{'z'}, Action::zoom_in, kTimeViews, "zoom", "Zoom the time axis in around the cursor"},
      {{'Z'}, Action::zoom_out, kTimeViews, "zoom", "Zoom the time axis out"},
      {{tab},
       Action::next_pane,
       view_bit(ViewId::detail),
       "pane",
       "Switch the lower pane: events, logs, full async stack"},
      {{'1'}, Action::view_tasks, kAllViews, "", "Tasks view"},
      {{'2'}, Action::view_tree, kAllViews, "", "Tree view (parent/child at the cursor time)"},
      {{'3'}, Action::view_timeline, kAllViews, "", "Timeline view (activity and events)"},
      {{'4'}, Action::view_findings, kAllViews, "", "Findings view"},
      {{up, 'k'}, Action::up, kLists, "", "Move up"},
      {{down, 'j'}, Action::down, kLists, "", "Move down"},
      {{page_up}, Action::page_up, kLists, "", "Page up"},
      {{page_down}, Action::page_down, kLists, "", "Page down"},
      {{'g', home}, Action::top, kLists, "", "First row"},
      {{'G', end}, Action::bottom, kLists, "", "Last row"},
  };
  return kTable;
}

std::string view_names(ViewMask views) {
  if (views == kAllViews) return "all";
  if (views == kTimeViews) return "all but help";
  static const char* const kNames[kViewCount] = {"tasks",    "tree",   "timeline",
                                                 "findings", "detail", "help"};
  std::string out;
  for (int i = 0; i < kViewCount; ++i) {
    if ((views & (1u << i)) == 0) continue;
    if (!out.empty()) out += ",";
    out += kNames[i];
  }
  return out;
}

}  // namespace

std::span<const Binding> bindings() {
  return table();
}

const Binding* find_binding(Key key, ViewId view) {
  for (const Binding& binding : table()) {
    if ((binding.views & view_bit(view)) == 0) continue;
    for (Key k : binding.keys)
      if (k == key) return &binding;
  }
  return nullptr;
}

Row footer_row(ViewId view, std::size_t width, const Glyphs& glyphs) {
  Row row;
  std::size_t used = 0;
  const auto& all = table();
  for (std::size_t i = 0; i < all.size(); ++i) {
    const Binding& binding = all[i];
    if ((binding.views & view_bit(view)) == 0 || binding.footer[0] == '\0') continue;
    // Consecutive bindings with the same label share one entry: "← → sort".
    std::string keys_text = key_name(binding.keys.front(), glyphs);
    std::size_t j = i + 1;
    for (; j < all.size() && std::string_view(all[j].footer) == binding.footer; ++j)
      if ((all[j].views & view_bit(view)) != 0)
        keys_text += " " + key_name(all[j].keys.front(), glyphs);
    const std::size_t need = display_width(keys_text) + 1 + display_width(binding.footer) + 2;
    if (used + need > width) break;
    row.add(keys_text, Style::key).add(" ").add(binding.footer).add("  ");
    used += need;
    i = j - 1;
  }
  return row;
}

Rows help_rows(const Glyphs& glyphs) {
  Rows rows;
  rows.push_back(text_row("Keys (views where they apply)", Style::header));
  for (const Binding& binding : table()) {
    std::string keys_text;
    for (Key key : binding.keys) {
      if (!keys_text.empty()) keys_text += " ";
      keys_text += key_name(key, glyphs);
    }
    Row row;
    row.add(fit(keys_text, 14, glyphs), Style::key)
        .add(fit(view_names(binding.views), 24, glyphs), Style::dim)
        .add(binding.help);
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace coscope::tui
