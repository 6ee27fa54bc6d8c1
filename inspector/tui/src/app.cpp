// launch(): load the trace, then the main loop: read a key, act, draw what the action says.
#include <langinfo.h>
#include <unistd.h>

#include <chrono>
#include <clocale>
#include <cstdio>
#include <cstdlib>
#include <exception>

#include "actions.hpp"
#include "coscope/tui/launch.hpp"
#include "frame.hpp"
#include "terminal.hpp"

namespace coscope::tui {
namespace {

constexpr int kExitUnreadable = 3;
// While playing, a frame every 40 ms; otherwise wake up now and then only to notice signals.
constexpr int kPlayFrameMs = 40;
constexpr int kIdlePollMs = 200;

std::uint64_t now_ns() {
  return static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                        std::chrono::steady_clock::now().time_since_epoch())
                                        .count());
}

format::Result<model::Model> load(const std::string& path) {
  model::LoadOptions options;
  const bool show = ::isatty(STDERR_FILENO) == 1;
  int shown = -1;
  options.progress = [&](std::uint64_t done, std::uint64_t total) {
    const int percent = total == 0 ? 100 : static_cast<int>(done * 100 / total);
    if (show && percent != shown) {
      std::fprintf(stderr, "\rloading %s: %d%%", path.c_str(), percent);
      shown = percent;
    }
    return true;
  };
  auto result = model::Model::load(path, options);
  if (show && shown >= 0) std::fprintf(stderr, "\r\033[K");
  return result;
}

int run_ui(const model::Model& model, const Glyphs& glyphs, bool color) {
  Terminal terminal({.color = color});
  Session session(model);
  ViewState state = initial_state(model);
  if (!model.damage().empty())
    state.message = "the trace is damaged: " + std::to_string(model.damage().size()) +
                    " stretch(es) could not be read; showing what was recovered";
  Frame frame;
  RedrawMask mask = kRedrawAll;
  std::uint64_t last_tick = now_ns();
  while (true) {
    if (mask != kRedrawNone) {
      render(frame, mask, session, state, terminal.size(), glyphs);
      terminal.paint(frame.rows(), glyphs);
    }
    const Key key = terminal.read_key(state.playing ? kPlayFrameMs : kIdlePollMs);
    if (terminal.stop_signal() != 0) return 128 + terminal.stop_signal();
    const std::uint64_t now = now_ns();
    mask = tick(state, session, now - last_tick);
    last_tick = now;
    if (key != keys::none) mask |= handle_key(key, state, session);
    if (mask & kQuit) return 0;
  }
}

}  // namespace

int launch(const std::string& trace_path) {
  std::setlocale(LC_ALL, "");
  auto loaded = load(trace_path);
  if (!loaded) {
    std::fprintf(stderr, "coscope-inspect: %s\n", loaded.error().message.c_str());
    return kExitUnreadable;
  }
  const Glyphs& glyphs = choose_glyphs(nl_langinfo(CODESET), std::getenv("COSCOPE_ASCII"));
  // https://no-color.org: any value, even empty, turns colour off.
  // no-color.org: off when NO_COLOR is set to a non-empty value.
  const char* no_color = std::getenv("NO_COLOR");
  const bool color = no_color == nullptr || *no_color == '\0';
  try {
    return run_ui(*loaded, glyphs, color);
  } catch (const std::exception& error) {
    // The Terminal's destructor has restored the screen by now.
    std::fprintf(stderr, "coscope-inspect: %s\n", error.what());
    return 1;
  }
}

}  // namespace coscope::tui
