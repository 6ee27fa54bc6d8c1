// Random-access bytes behind a TraceReader: a file (pread) or memory.
#pragma once

#include <cstddef>
#include <cstdint>

namespace coscope::format {

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Copies up to n bytes at offset into out; returns how many were copied.
  virtual std::size_t read(std::uint64_t offset, unsigned char* out, std::size_t n) = 0;
  virtual std::uint64_t size() const = 0;
};

}  // namespace coscope::format
