// CRC32C (Castagnoli), the checksum of headers and chunks.
#pragma once

#include <cstddef>
#include <cstdint>

namespace coscope::format::detail {

// Extends crc (start with 0) over data. Async-signal-safe.
std::uint32_t crc32c(std::uint32_t crc, const unsigned char* data, std::size_t size);

}  // namespace coscope::format::detail
