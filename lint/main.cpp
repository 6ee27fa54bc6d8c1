// coscope-lint: the CLI front end. All behaviour lives in the library, which the tests link.
#include "driver/cli.h"

int main(int argc, char** argv) {
  return coscope::lint::runCli(argc, argv);
}
