// Writes the scenario trace (scenario.hpp) to a path: the end-to-end tests open it in the
// real coscope-inspect.
#include <cstdio>
#include <exception>
#include <filesystem>

#include "scenario.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s OUT.cotrace\n", argv[0]);
    return 2;
  }
  try {
    const std::string written = coscope::tui::testing::write_scenario("e2e.cotrace");
    std::filesystem::copy_file(written, argv[1], std::filesystem::copy_options::overwrite_existing);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "%s\n", error.what());
    return 1;
  }
  return 0;
}
