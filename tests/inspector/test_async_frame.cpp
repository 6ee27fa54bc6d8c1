// AsyncFrame's text and its library test, which the summary and the terminal UI fold by.
#include <gtest/gtest.h>

#include "coscope/model/stack.hpp"

namespace coscope::model {
namespace {

AsyncFrame physical(FrameRole role, Symbol symbol) {
  AsyncFrame f;
  f.role = role;
  f.address = 0x401000;
  f.symbol = std::move(symbol);
  return f;
}

TEST(AsyncFrame, LibraryFramesHaveOnlyLibrarySources) {
  EXPECT_TRUE(physical(FrameRole::frame,
                       {{"boost::asio::detail::pump()", "/usr/include/boost/asio/x.hpp", 3}})
                  .in_library());
  EXPECT_FALSE(physical(FrameRole::frame, {{"session()", "/src/app/server.cpp", 61}}).in_library());
  // std::this_thread::sleep_for inlined into the user's coroutine: the user's frame.
  EXPECT_FALSE(physical(FrameRole::finding_frame,
                        {{"std::this_thread::sleep_for()", "/usr/include/c++/12/bits/x.h", 80},
                         {"session()", "/src/app/server.cpp", 61}})
                   .in_library());
  EXPECT_TRUE(physical(FrameRole::spawn_frame,
                       {{"std::move()", "/usr/include/c++/12/bits/move.h", 10},
                        {"boost::asio::co_spawn()", "/usr/include/boost/asio/co_spawn.hpp", 5}})
                  .in_library());
  // The tracer's hooks inlined into Asio's code: neither is the user's.
  EXPECT_TRUE(physical(FrameRole::spawn_frame,
                       {{"_FUN(void*)", "/src/coscope/tracer/include/coscope/asio/hooks.hpp", 97},
                        {"boost::asio::detail::pump()", "/usr/include/boost/asio/x.hpp", 3}})
                  .in_library());
  // Boost and a compiler installed elsewhere are libraries too; a program's sources under
  // /usr/share or /usr/src are not.
  EXPECT_TRUE(
      physical(FrameRole::frame,
               {{"boost::asio::detail::pump()", "/opt/boost-1.84/include/boost/asio/x.hpp", 3},
                {"std::move()", "/opt/gcc-13/include/c++/13/bits/move.h", 10}})
          .in_library());
  EXPECT_FALSE(physical(FrameRole::frame,
                        {{"listen()", "/usr/share/doc/libboost1.81-doc/examples/timeout.cpp", 49}})
                   .in_library());
  EXPECT_FALSE(physical(FrameRole::frame, {{"main", "/usr/src/app/main.cpp", 4}}).in_library());
  // Unresolved frames, sites and awaiters are never folded.
  EXPECT_FALSE(physical(FrameRole::frame, {}).in_library());
  EXPECT_FALSE(physical(FrameRole::awaiter,
                        {{"boost::asio::detail::pump()", "/usr/include/boost/asio/x.hpp", 3}})
                   .in_library());
}

TEST(AsyncFrame, DescribesInlineChainsInnermostFirst) {
  const AsyncFrame f =
      physical(FrameRole::awaiter, {{"inner()", "a.hpp", 3}, {"outer()", "b.cpp", 9}});
  EXPECT_EQ(f.describe(), "awaited by inner() at a.hpp:3 <- inlined into outer() at b.cpp:9");
}

}  // namespace
}  // namespace coscope::model
