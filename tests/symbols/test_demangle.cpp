#include "coscope/symbols/demangle.hpp"

#include <gtest/gtest.h>

namespace coscope::symbols {
namespace {

TEST(Demangle, FunctionsTypesAndPlainNames) {
  EXPECT_EQ(demangle("_ZN3foo3barEv"), "foo::bar()");
  EXPECT_EQ(demangle("St13runtime_error"), "std::runtime_error");
  EXPECT_EQ(demangle("main"), "main");
  EXPECT_EQ(demangle(nullptr), "");
}

TEST(Demangle, CoroutineResumeFunctionsLoseTheirFrameParameter) {
  // g++'s actor clone of `task session(int)`: its one parameter is the frame type.
  EXPECT_EQ(demangle("_Z7sessionPZ7sessioniE17_Z7sessioni.Frame.actor"),
            "session() [clone .actor]");
  // Other clones keep their parameters.
  EXPECT_EQ(demangle("_Z7sessioni.cold"), "session(int) [clone .cold]");
}

}  // namespace
}  // namespace coscope::symbols
