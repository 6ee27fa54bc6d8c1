// Resolves addresses of this very test binary (built with -g) through libdwfl, as the tracer
// does for its own process: an address inside inlined code names the inlined function and the
// line that called it.
#include "coscope/symbols/source_frames.hpp"

#include "coscope/symbols/scope_index.hpp"
#include "coscope/symbols/symbol_index.hpp"

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

// Three levels: deep_outer calls deep_middle, inlined, which calls inlined_probe, inlined.
constexpr std::uint32_t kMiddleCallsProbe = __LINE__ + 3;
[[gnu::always_inline]] inline std::uint64_t deep_middle(int x) {
  asm volatile("" : : "r"(x));
  return inlined_probe(x + 1) + 1;
}

constexpr std::uint32_t kDeepOuterCallsMiddle = __LINE__ + 2;
[[gnu::noinline]] std::uint64_t deep_outer(int x) {
  return deep_middle(x) + static_cast<std::uint64_t>(x);
}

// A captureless lambda of a function that is always inlined, called through a function
// pointer: the pointer's target (GCC's "_FUN", which inlines the lambda) is described inside
// the function's abstract instance, an entry without code (Asio's awaitables suspend through
// such lambdas).
constexpr std::uint32_t kLambdaCallsProbe = __LINE__ + 4;
constexpr std::uint32_t kFunCallsLambda = __LINE__ + 4;
[[gnu::always_inline]] inline std::uint64_t with_lambda(int x) {
  std::uint64_t (*volatile call)(int) = [](int y) {
    return inlined_probe(y) + static_cast<std::uint64_t>(y);
  };
  return call(x);
}

[[gnu::noinline]] std::uint64_t calls_with_lambda(int x) {
  return with_lambda(x) + 1;
}

class SourceFrames : public ProcessModules {
 protected:
  std::vector<SourceFrame> frames(std::uint64_t address) {
    return source_frames(dwfl_addrmodule(dwfl(), address), address);
  }
  // Through the symbol and scope indexes, as the tracer and the inspector resolve.
  std::vector<SourceFrame> indexed_frames(std::uint64_t address) {
    return source_frames(dwfl_addrmodule(dwfl(), address), address, &names_, &scopes_);
  }

 private:
  SymbolIndex names_;
  ScopeIndex scopes_;
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

bool same(const SourceFrame& a, const SourceFrame& b) {
  return a.function == b.function && a.file == b.file && a.line == b.line;
}

// Every level of a three-deep inline chain, each with the line that called the next: with
// the scope index. (libdw's dwarf_getscopes, in elfutils 0.188, skips the middle levels and
// gives the outermost function the innermost call's line.)
TEST_F(SourceFrames, EveryLevelOfADeepInlineChain) {
  const auto chain = indexed_frames(deep_outer(7) - 7 - 1 - 1);  // the call before the return
  ASSERT_EQ(chain.size(), 3u) << describe(chain);
  EXPECT_NE(chain[0].function.find("inlined_probe"), std::string::npos) << describe(chain);
  EXPECT_EQ(chain[0].line, kInnerCallsProbe);
  EXPECT_NE(chain[1].function.find("deep_middle"), std::string::npos) << describe(chain);
  EXPECT_EQ(chain[1].line, kMiddleCallsProbe);
  EXPECT_NE(chain[2].function.find("deep_outer"), std::string::npos) << describe(chain);
  EXPECT_EQ(chain[2].line, kDeepOuterCallsMiddle);
  for (const SourceFrame& f : chain)
    EXPECT_TRUE(ends_with(f.file, "test_source_frames.cpp")) << describe(chain);
}

// An address in such a function pointer's target: each level of the inlined chain.
TEST_F(SourceFrames, ALambdaOfAnInlinedFunctionShowsItsInlinedCalls) {
  const auto chain =
      indexed_frames(calls_with_lambda(7) - 1 - 7 - 1);  // the call before the return
  // Optimized, the thunk inlines the lambda: three levels. Under the sanitizers the lambda
  // stays out of line and the address is in it: two.
  ASSERT_GE(chain.size(), 2u) << describe(chain);
  EXPECT_NE(chain[0].function.find("inlined_probe"), std::string::npos) << describe(chain);
  EXPECT_EQ(chain[0].line, kInnerCallsProbe);
  EXPECT_NE(chain[1].function.find("operator()"), std::string::npos) << describe(chain);
  EXPECT_EQ(chain[1].line, kLambdaCallsProbe);
  if (chain.size() > 2) {
    ASSERT_EQ(chain.size(), 3u) << describe(chain);
    EXPECT_NE(chain[2].function.find("with_lambda"), std::string::npos) << describe(chain);
    EXPECT_EQ(chain[2].line, kFunCallsLambda) << describe(chain);
  }
}

// With the indexes, at addresses all over this binary's functions (gtest's and the standard
// library's inlined code among them), the frames agree with libdw's own lookups: the same
// innermost position and outermost function, at least as many levels (see above: libdw may
// skip inlined levels, even all of them).
TEST_F(SourceFrames, TheIndexesAgreeWithLibdw) {
  const auto here = reinterpret_cast<std::uint64_t>(&outer_function);
  Dwfl_Module* module = dwfl_addrmodule(dwfl(), here);
  ASSERT_NE(module, nullptr);
  SymbolIndex names;
  ScopeIndex scopes;
  std::size_t compared = 0, inlined = 0;
  const int count = dwfl_module_getsymtab(module);
  for (int i = 1; i < count; i += 3) {
    GElf_Sym sym;
    GElf_Addr start = 0;
    if (dwfl_module_getsym_info(module, i, &sym, &start, nullptr, nullptr, nullptr) == nullptr ||
        GELF_ST_TYPE(sym.st_info) != STT_FUNC || sym.st_size == 0)
      continue;
    for (GElf_Addr a = start; a < start + sym.st_size; a += 1 + sym.st_size / 5) {
      const auto plain = source_frames(module, a);
      const auto indexed = source_frames(module, a, &names, &scopes);
      const bool agree = plain.empty() ? indexed.empty()
                                       : !indexed.empty() && plain[0].file == indexed[0].file &&
                                             plain[0].line == indexed[0].line &&
                                             plain.back().function == indexed.back().function &&
                                             indexed.size() >= plain.size();
      ASSERT_TRUE(agree) << std::hex << a << "\nlibdw:\n"
                         << describe(plain) << "indexed:\n"
                         << describe(indexed);
      ++compared;
      inlined += plain.size() > 1;
    }
  }
  EXPECT_GT(compared, 1000u);
  EXPECT_GT(inlined, 100u);  // inlined calls were among them
  const std::uint64_t probe = outer_function(7) - 7 - 1;
  const auto two = source_frames(module, probe, &names, &scopes);
  ASSERT_EQ(two.size(), 2u);
  EXPECT_TRUE(same(frames(probe)[1], two[1]));
}

}  // namespace
}  // namespace coscope::symbols
