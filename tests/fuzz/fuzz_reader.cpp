// libFuzzer target: any bytes given to TraceReader must yield records or damage reports,
// never a crash, a hang or an unbounded allocation.
#include <cstddef>
#include <cstdint>

#include "coscope/format/reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto reader = coscope::format::TraceReader::open_memory(data, size);
  if (!reader) return 0;
  while (reader->next()) {
  }
  // Damage reports must stay inside the input.
  for (const auto& d : reader->damage())
    if (d.offset > size || d.length > size - d.offset) __builtin_trap();
  if (reader->offset() > size) __builtin_trap();
  return 0;
}
