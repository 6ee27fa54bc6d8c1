// A libdwfl session over this test process's own modules, as the tracer opens one.
#pragma once

#include <elfutils/libdwfl.h>
#include <gtest/gtest.h>
#include <unistd.h>

namespace coscope::symbols {

class ProcessModules : public ::testing::Test {
 protected:
  void SetUp() override {
    callbacks_.find_elf = dwfl_linux_proc_find_elf;
    callbacks_.find_debuginfo = dwfl_standard_find_debuginfo;
    callbacks_.debuginfo_path = &debuginfo_path_;
    dwfl_ = dwfl_begin(&callbacks_);
    ASSERT_NE(dwfl_, nullptr);
    dwfl_report_begin(dwfl_);
    ASSERT_EQ(dwfl_linux_proc_report(dwfl_, ::getpid()), 0);
    dwfl_report_end(dwfl_, nullptr, nullptr);
  }
  void TearDown() override {
    if (dwfl_ != nullptr) dwfl_end(dwfl_);
  }
  Dwfl* dwfl() const { return dwfl_; }

 private:
  Dwfl_Callbacks callbacks_{};
  char* debuginfo_path_ = nullptr;
  Dwfl* dwfl_ = nullptr;
};

}  // namespace coscope::symbols
