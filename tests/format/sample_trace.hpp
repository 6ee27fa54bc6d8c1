// A small trace with every record kind spread over several chunks, shared by the format tests.
#pragma once

#include <string>
#include <vector>

#include "coscope/format/header.hpp"
#include "coscope/format/records.hpp"

namespace coscope::format::testing {

struct SampleChunk {
  ThreadId thread;
  std::vector<Record> records;
};

FileHeader sample_header();
// Three chunks from two threads; events carry their chunk's thread.
std::vector<SampleChunk> sample_chunks();
// The whole file's bytes, as TraceWriter writes them.
std::string sample_file_bytes();
// A fresh path under the test's temporary directory.
std::string temp_path(const std::string& name);
std::string read_file(const std::string& path);

}  // namespace coscope::format::testing
