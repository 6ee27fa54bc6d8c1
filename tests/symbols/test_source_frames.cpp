// Resolves addresses of this very test binary (built with -g) through libdwfl, as the tracer
// does for its own process: an address inside inlined code names the inlined function and the
// line that called it.
#include "coscope/symbols/source_frames.hpp"

#include <elfutils/libdwfl.h>
#include <gtest/gtest.h>

#include "process_modules.hpp"

#include <cstdint>
#include <string>

namespace coscope::symbols {
namespace {

[[gnu::noinline]] std::uint64_t caller_address() {
  return reinterpret_cast<std::uint64_t>(__builtin_return_address(0));
}

// The lines of the two calls, read by the test.
constexpr std::uint32_t kInnerCallsProbe = __LINE__ + 3;
[[gnu::always_inline]] inline std::uint64_t inlined_probe(int x) {
  asm volatile("" : : "r"(x));
  return caller_address();
}

constexpr std::uint32_t kOuterCallsInlined = __LINE__ + 2;
[[gnu::noinline]] std::uint64_t outer_function(int x) {
  return inlined_probe(x) + static_cast<std::uint64_t>(x);
}

class SourceFrames : public ProcessModules {
 protected:
  std::vector<SourceFrame> frames(std::uint64_t address) {
    return source_frames(dwfl_addrmodule(dwfl(), address), address);
  }
};

std::string describe(const std::vector<SourceFrame>& chain) {
  std::string s;
  for (const SourceFrame& f : chain)
    s += f.function + " at " + f.file + ":" + std::to_string(f.line) + "\n";
  return s;
}

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

TEST_F(SourceFrames, InlinedCallsShowEachFunctionAndTheLineThatCalledIt) {
  // A return address: the call instruction is the byte before it.
  const std::uint64_t address = outer_function(7) - 7 - 1;
  const auto chain = frames(address);
  ASSERT_EQ(chain.size(), 2u) << describe(chain);
  EXPECT_NE(chain[0].function.find("inlined_probe"), std::string::npos) << chain[0].function;
  EXPECT_TRUE(ends_with(chain[0].file, "test_source_frames.cpp")) << chain[0].file;
  EXPECT_EQ(chain[0].line, kInnerCallsProbe);
  EXPECT_NE(chain[1].function.find("outer_function"), std::string::npos) << chain[1].function;
  EXPECT_TRUE(ends_with(chain[1].file, "test_source_frames.cpp")) << chain[1].file;
  EXPECT_EQ(chain[1].line, kOuterCallsInlined);
}

TEST_F(SourceFrames, AFunctionWithoutInliningIsOneFrame) {
  const auto chain = frames(reinterpret_cast<std::uint64_t>(&caller_address));
  ASSERT_EQ(chain.size(), 1u);
  EXPECT_NE(chain[0].function.find("caller_address"), std::string::npos) << chain[0].function;
  EXPECT_TRUE(ends_with(chain[0].file, "test_source_frames.cpp")) << chain[0].file;
}

TEST_F(SourceFrames, UnknownAddressesAndModulesGiveNothing) {
  EXPECT_TRUE(source_frames(nullptr, 0x1234).empty());
  EXPECT_TRUE(frames(0x10).empty());
}

}  // namespace
}  // namespace coscope::symbols
