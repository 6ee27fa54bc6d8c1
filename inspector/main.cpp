// coscope-inspect: everything lives in the CLI library (tested directly); this only wires the
// process's streams, whether stdout is a terminal, and the terminal UI when it is built (after
// asking for huge pages, which loads need: see reexec_with_huge_pages).
#include <unistd.h>

#include <iostream>

#include "coscope/inspect/cli.hpp"
#ifdef COSCOPE_HAVE_TUI
#include "coscope/tui/launch.hpp"
#endif

int main(int argc, char** argv) {
  coscope::inspect::reexec_with_huge_pages(argv);
  coscope::inspect::Environment env{std::cout, std::cerr, ::isatty(STDOUT_FILENO) == 1, {}};
#ifdef COSCOPE_HAVE_TUI
  env.tui = [](const std::string& path) { return coscope::tui::launch(path); };
#endif
  return coscope::inspect::run(argc, argv, env);
}
