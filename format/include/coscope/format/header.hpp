// The file header: what program the trace is of, and how to read its clock.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace coscope::format {

// Format version. A reader accepts any minor version of its major version: newer minors only
// add record kinds or append fields, which a reader skips by length.
inline constexpr std::uint16_t kVersionMajor = 1;
inline constexpr std::uint16_t kVersionMinor = 0;

// "\x89COSCOPE" then "\r\n\x1a\n" (as PNG does) to catch text-mode and truncating transfers.
inline constexpr unsigned char kMagic[12] = {0x89, 'C', 'O',  'S',  'C',  'O',
                                             'P',  'E', '\r', '\n', 0x1a, '\n'};

struct FileHeader {
  std::uint16_t version_major = kVersionMajor;
  std::uint16_t version_minor = kVersionMinor;
  // Event times are nanoseconds since start_monotonic_ns of this clock (CLOCK_MONOTONIC).
  std::uint32_t clock_resolution_ns = 1;
  std::uint64_t start_monotonic_ns = 0;
  // Wall time (ns since the Unix epoch) at start_monotonic_ns, to print absolute times.
  std::int64_t start_wall_ns = 0;
  std::uint32_t pid = 0;
  std::string hostname;
  std::string program;                 // path of the executable
  std::vector<std::string> arguments;  // argv[1..]
  bool operator==(const FileHeader&) const = default;
};

}  // namespace coscope::format
