// Writes a trace file: the header, then framed chunks, with plain write(2) so the tracer can
// also frame and write chunks from a signal handler (see frame_chunk).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "coscope/format/chunk_encoder.hpp"
#include "coscope/format/header.hpp"
#include "coscope/format/result.hpp"

namespace coscope::format {

// Bytes of a chunk's frame before its payload.
inline constexpr std::size_t kChunkHeaderSize = 16;

// Fills out[0..16) with the frame of a chunk whose payload is given. Async-signal-safe:
// no allocation, no locks.
void frame_chunk(ThreadId thread, const unsigned char* payload, std::uint32_t size,
                 unsigned char out[kChunkHeaderSize]);

// The header's bytes, as written at offset 0.
std::string encode_header(const FileHeader& header);

class TraceWriter {
 public:
  TraceWriter() = default;
  TraceWriter(TraceWriter&& other) noexcept;
  TraceWriter& operator=(TraceWriter&& other) noexcept;
  TraceWriter(const TraceWriter&) = delete;
  TraceWriter& operator=(const TraceWriter&) = delete;
  ~TraceWriter();

  // Creates (truncates) the file and writes the header.
  static Result<TraceWriter> create(const std::string& path, const FileHeader& header);
  // Writes to a descriptor the caller opened (the writer closes it); writes the header.
  static Result<TraceWriter> adopt(int fd, const FileHeader& header);

  // Writes the encoder's chunk and clears it; a payload above kMaxChunkPayload is split.
  Status write_chunk(ChunkEncoder& chunk);
  // Writes one framed chunk from raw payload bytes.
  Status write_payload(ThreadId thread, const unsigned char* payload, std::uint32_t size);
  // Asks the kernel to persist what was written (fdatasync).
  Status sync();
  Status close();

  int fd() const { return fd_; }
  std::uint64_t bytes_written() const { return bytes_; }

 private:
  Status write_all(const void* data, std::size_t size);
  int fd_ = -1;
  std::uint64_t bytes_ = 0;
};

}  // namespace coscope::format
