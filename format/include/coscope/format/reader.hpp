// Streams the records of a trace file in file order, with bounded memory, and recovers from
// damage: every chunk whose checksum holds is read, damaged stretches are skipped and reported.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "coscope/format/header.hpp"
#include "coscope/format/records.hpp"
#include "coscope/format/result.hpp"

namespace coscope::format {

// A stretch of the file that could not be read.
struct Damage {
  std::uint64_t offset = 0;  // where the damage starts
  std::uint64_t length = 0;  // bytes skipped (to the next good chunk or to the end)
  std::string reason;
  // "offset 1234 (567 bytes): checksum mismatch in chunk"
  std::string describe() const;
};

struct ReaderStats {
  std::uint64_t chunks = 0;
  std::uint64_t records = 0;
  std::uint64_t unknown_records = 0;  // kinds of a newer minor version, skipped
};

class ByteSource;

class TraceReader {
 public:
  TraceReader(TraceReader&&) noexcept;
  TraceReader& operator=(TraceReader&&) noexcept;
  ~TraceReader();

  // Opens a trace file and reads its header. Fails when the file cannot be opened, is not a
  // trace (wrong magic), has a newer major version, or its header is damaged.
  static Result<TraceReader> open(const std::string& path);
  // Reads a trace held in memory (the bytes must outlive the reader).
  static Result<TraceReader> open_memory(const unsigned char* data, std::size_t size);

  const FileHeader& header() const { return header_; }

  // The next record in file order, or nullopt at the end of the file. Damage does not end
  // the stream: it is recorded in damage() and reading goes on at the next good chunk.
  std::optional<Record> next();

  const std::vector<Damage>& damage() const { return damage_; }
  const ReaderStats& stats() const { return stats_; }
  std::uint64_t file_size() const;
  // Offset just after the last chunk read.
  std::uint64_t offset() const { return offset_; }

 private:
  explicit TraceReader(std::unique_ptr<ByteSource> source);
  Status read_header();
  bool load_next_chunk();
  void skip_damage(std::uint64_t at, std::string reason);

  std::unique_ptr<ByteSource> source_;
  FileHeader header_;
  std::uint64_t offset_ = 0;
  std::vector<unsigned char> chunk_;
  std::size_t chunk_pos_ = 0;
  std::uint64_t chunk_offset_ = 0;
  ThreadId chunk_thread_ = 0;
  Timestamp last_time_ = 0;
  TaskId last_task_ = 0;
  std::vector<Damage> damage_;
  ReaderStats stats_;
};

}  // namespace coscope::format
