#include "test_helpers.hpp"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace coscope::inspect::testing {

std::string temp_path(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() /
             ("coscope-inspect-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  return (dir / name).string();
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<Chunk> generate_to(const std::string& path, const SyntheticOptions& options) {
  std::vector<Chunk> chunks;
  generate(options, [&](Chunk& c) { chunks.push_back(c); });
  if (auto s = write_chunks(path, synthetic_header(), chunks); !s)
    throw std::runtime_error(s.error().message);
  return chunks;
}

model::Model load_or_die(const std::string& path, const model::LoadOptions& options) {
  auto m = model::Model::load(path, options);
  if (!m) throw std::runtime_error(m.error().message);
  return std::move(m.value());
}

}  // namespace coscope::inspect::testing
