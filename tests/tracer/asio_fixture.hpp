// A gtest fixture that records one trace per test in-process (coscope::start/stop around a
// real Asio program) and reads it back.
#pragma once

#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <string>
#include <utility>

#include "coscope/tracer.hpp"
#include "trace_model.hpp"

namespace coscope::testing {

class AsioTrace : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    // The pid keeps concurrent runs of the same test (several build trees) apart.
    std::string name = std::string(info->test_suite_name()) + "_" + info->name();
    std::replace(name.begin(), name.end(), '/', '_');  // parameterized tests' names
    path_ =
        ::testing::TempDir() + "coscope_" + name + "_" + std::to_string(::getpid()) + ".cotrace";
    TraceOptions options;
    options.path = path_;
    options.stacks = stacks_;
    ASSERT_TRUE(coscope::start(options));
  }
  void TearDown() override { coscope::stop(); }

  // Stops recording and reads the trace; asserts it is whole and self-consistent.
  Trace finish() {
    coscope::stop();
    Trace trace = read_trace(path_);
    for (const std::string& p : trace.problems) ADD_FAILURE() << path_ << ": " << p;
    return trace;
  }

  // Runs `task` alone on an io_context on this thread to its end, then finish().
  template <typename T>
  Trace run_alone(boost::asio::awaitable<T> task) {
    {
      boost::asio::io_context io;
      boost::asio::co_spawn(io, std::move(task), boost::asio::detached);
      io.run();
    }
    return finish();
  }

  std::string path_;
  StackMode stacks_ = StackMode::spawn;
};

}  // namespace coscope::testing
