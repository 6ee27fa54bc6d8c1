// Key latency of the terminal UI on a large trace: every key of a scripted session (each view,
// each kind of action) goes through the real dispatcher and renders the frame the real loop
// would draw (everything but the ncurses copy to the terminal, which costs the same at any
// trace size). Target: every key answered within 100 ms at 10M events.
//
// Usage: bench_inspector_tui [--events N] [--trace PATH]   (PATH is reused when it exists)
// Last line: one JSON object {"events", "load_s", "keys", "key_ms_p50", "key_ms_p99",
// "key_ms_max", "slowest"}.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "actions.hpp"
#include "coscope/inspect/testing/synthetic_trace.hpp"
#include "frame.hpp"

namespace {

using namespace coscope;
using Clock = std::chrono::steady_clock;

struct Step {
  std::string label;
  tui::Key key;
};

// A session a user might have: every view, sorting, filtering, time moves, findings, zoom.
std::vector<Step> script() {
  using namespace tui::keys;
  std::vector<Step> steps;
  auto add = [&](const std::string& label, tui::Key key) { steps.push_back({label, key}); };
  add("tasks: down", 'j');
  add("tasks: page down", page_down);
  add("tasks: bottom", 'G');
  add("tasks: top", 'g');
  for (int i = 0; i < 10; ++i) add("tasks: sort right", 'l');
  add("tasks: invert", 'i');
  add("tasks: state filter", 's');
  add("tasks: state filter", 's');
  add("tasks: filter /", '/');
  for (char c : std::string("task")) add("tasks: filter typing", c);
  add("tasks: filter enter", enter);
  add("tasks: clear filter", escape);
  add("time: jump t", 't');
  for (char c : std::string("50%")) add("time: typing", c);
  add("time: jump enter", enter);
  for (int i = 0; i < 5; ++i) add("time: next event", '.');
  for (int i = 0; i < 5; ++i) add("time: prev event", ',');
  for (int i = 0; i < 3; ++i) add("time: next task event", ']');
  for (int i = 0; i < 3; ++i) add("time: prev task event", '[');
  for (int i = 0; i < 5; ++i) add("time: next finding", 'n');
  add("time: prev finding", 'N');
  add("detail: open", enter);
  add("detail: down", 'j');
  add("detail: bottom", 'G');
  add("detail: go to event", enter);
  add("detail: pane", tab);
  add("detail: pane", tab);
  add("detail: pane", tab);
  add("time: next event", '.');
  add("detail: back", escape);
  add("tree: view", '2');
  add("tree: down", 'j');
  add("tree: bottom", 'G');
  add("tree: open", enter);
  add("detail: back", escape);
  add("timeline: view", '3');
  for (int i = 0; i < 5; ++i) add("timeline: step", 'j');
  add("timeline: page", page_down);
  add("timeline: zoom in", 'z');
  add("timeline: zoom in", 'z');
  add("timeline: zoom out", 'Z');
  add("timeline: zoom out", 'Z');
  add("timeline: start", 'g');
  add("timeline: end", 'G');
  add("findings: view", '4');
  add("findings: down", 'j');
  add("findings: bottom", 'G');
  add("findings: open", enter);
  add("help", '?');
  add("help: back", '?');
  add("resize", resize);
  return steps;
}

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  std::uint64_t events = 10'000'000;
  std::string trace =
      (std::filesystem::temp_directory_path() / "coscope-bench-tui.cotrace").string();
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--events") == 0) events = std::stoull(argv[i + 1]);
    if (std::strcmp(argv[i], "--trace") == 0) trace = argv[i + 1];
  }
  if (!std::filesystem::exists(trace)) {
    inspect::testing::SyntheticOptions options;
    options.events = events;
    std::printf("writing a synthetic trace of %llu events to %s\n",
                static_cast<unsigned long long>(events), trace.c_str());
    auto written = inspect::testing::write_synthetic(trace, options);
    if (!written) {
      std::fprintf(stderr, "%s\n", written.error().message.c_str());
      return 1;
    }
  }
  const auto load_start = Clock::now();
  auto loaded = model::Model::load(trace);
  if (!loaded) {
    std::fprintf(stderr, "%s\n", loaded.error().message.c_str());
    return 1;
  }
  const double load_s = ms_since(load_start) / 1000;
  const model::Model& model = *loaded;
  std::printf("trace: %zu events, %zu tasks, %zu findings; load %.2f s\n", model.event_count(),
              model.tasks().size(), model.findings().size(), load_s);

  // The session ranks task names and spawn sites once: part of opening the UI, not of a key.
  const auto setup = Clock::now();
  tui::Session session(model);
  std::printf("%-28s %9.2f ms\n", "session setup", ms_since(setup));
  tui::ViewState state = tui::initial_state(model);
  tui::Frame frame;
  const tui::Size size{120, 40};
  const auto first = Clock::now();
  tui::render(frame, tui::kRedrawAll, session, state, size, tui::unicode_glyphs());
  std::printf("%-28s %9.2f ms\n", "first frame", ms_since(first));

  std::vector<double> times;
  double slowest = 0;
  std::string slowest_label;
  for (const Step& step : script()) {
    const auto start = Clock::now();
    const tui::RedrawMask mask = tui::handle_key(step.key, state, session);
    tui::render(frame, mask, session, state, size, tui::unicode_glyphs());
    const double ms = ms_since(start);
    times.push_back(ms);
    std::printf("%-28s %9.2f ms\n", step.label.c_str(), ms);
    if (ms > slowest) {
      slowest = ms;
      slowest_label = step.label;
    }
  }
  std::vector<double> sorted = times;
  std::sort(sorted.begin(), sorted.end());
  auto pct = [&](double p) {
    return sorted[std::min(sorted.size() - 1, static_cast<std::size_t>(p * sorted.size()))];
  };
  std::printf("keys %zu: p50 %.2f ms, p99 %.2f ms, max %.2f ms (%s); target: every key < 100 ms\n",
              sorted.size(), pct(0.5), pct(0.99), sorted.back(), slowest_label.c_str());
  std::printf(
      "{\"events\": %zu, \"load_s\": %.3f, \"keys\": %zu, \"key_ms_p50\": %.3f, "
      "\"key_ms_p99\": %.3f, \"key_ms_max\": %.3f, \"slowest\": \"%s\"}\n",
      model.event_count(), load_s, sorted.size(), pct(0.5), pct(0.99), sorted.back(),
      slowest_label.c_str());
  return sorted.back() < 100 ? 0 : 1;
}
