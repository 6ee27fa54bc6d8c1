#include "coscope/format/reader.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "byte_source.hpp"
#include "coscope/format/chunk_encoder.hpp"
#include "coscope/format/writer.hpp"
#include "crc32c.hpp"
#include "record_codec.hpp"
#include "varint.hpp"

namespace coscope::format {
namespace {

constexpr unsigned char kChunkSync[4] = {'C', 'S', 'C', 'K'};
constexpr std::uint32_t kMaxHeaderBody = 1u << 20;

std::uint32_t get_le32(const unsigned char* p) {
  return std::uint32_t(p[0]) | std::uint32_t(p[1]) << 8 | std::uint32_t(p[2]) << 16 |
         std::uint32_t(p[3]) << 24;
}

class FileSource final : public ByteSource {
 public:
  FileSource(int fd, std::uint64_t size) : fd_(fd), size_(size) {}
  ~FileSource() override { ::close(fd_); }
  std::size_t read(std::uint64_t offset, unsigned char* out, std::size_t n) override {
    std::size_t done = 0;
    while (done < n) {
      ssize_t r = ::pread(fd_, out + done, n - done, static_cast<off_t>(offset + done));
      if (r < 0 && errno == EINTR) continue;
      if (r <= 0) break;
      done += static_cast<std::size_t>(r);
    }
    return done;
  }
  std::uint64_t size() const override { return size_; }

 private:
  int fd_;
  std::uint64_t size_;
};

class MemorySource final : public ByteSource {
 public:
  MemorySource(const unsigned char* data, std::size_t size) : data_(data), size_(size) {}
  std::size_t read(std::uint64_t offset, unsigned char* out, std::size_t n) override {
    if (offset >= size_ || n == 0) return 0;  // memcpy must not see a null buffer
    std::size_t k = std::min<std::uint64_t>(n, size_ - offset);
    std::memcpy(out, data_ + offset, k);
    return k;
  }
  std::uint64_t size() const override { return size_; }

 private:
  const unsigned char* data_;
  std::size_t size_;
};

}  // namespace

std::string Damage::describe() const {
  return "offset " + std::to_string(offset) + " (" + std::to_string(length) +
         " bytes skipped): " + reason;
}

TraceReader::TraceReader(std::unique_ptr<ByteSource> source) : source_(std::move(source)) {}
TraceReader::TraceReader(TraceReader&&) noexcept = default;
TraceReader& TraceReader::operator=(TraceReader&&) noexcept = default;
TraceReader::~TraceReader() = default;

std::uint64_t TraceReader::file_size() const {
  return source_->size();
}

Result<TraceReader> TraceReader::open(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Error{"cannot open " + path + ": " + std::strerror(errno)};
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return Error{path + " is not a regular file"};
  }
  TraceReader reader(std::make_unique<FileSource>(fd, static_cast<std::uint64_t>(st.st_size)));
  Status s = reader.read_header();
  if (!s) return Error{path + ": " + s.error().message};
  return reader;
}

Result<TraceReader> TraceReader::open_memory(const unsigned char* data, std::size_t size) {
  TraceReader reader(std::make_unique<MemorySource>(data, size));
  Status s = reader.read_header();
  if (!s) return s.error();
  return reader;
}

Status TraceReader::read_header() {
  unsigned char fixed[sizeof kMagic + 8];
  std::size_t got = source_->read(0, fixed, sizeof fixed);
  if (got == 0) return Error{"the file is empty, not a coscope trace"};
  if (got < sizeof kMagic || std::memcmp(fixed, kMagic, sizeof kMagic) != 0)
    return Error{"not a coscope trace (wrong magic bytes at offset 0)"};
  if (got < sizeof fixed) return Error{"truncated header at offset " + std::to_string(got)};
  header_.version_major = static_cast<std::uint16_t>(fixed[12] | fixed[13] << 8);
  header_.version_minor = static_cast<std::uint16_t>(fixed[14] | fixed[15] << 8);
  if (header_.version_major != kVersionMajor)
    return Error{"trace format version " + std::to_string(header_.version_major) + "." +
                 std::to_string(header_.version_minor) + " is not supported (this build reads " +
                 std::to_string(kVersionMajor) + ".x); use a newer coscope"};
  std::uint32_t body_size = get_le32(fixed + 16);
  if (body_size > kMaxHeaderBody)
    return Error{"damaged header at offset 16: implausible length " + std::to_string(body_size)};
  std::vector<unsigned char> body(body_size + 4);
  if (source_->read(sizeof fixed, body.data(), body.size()) != body.size())
    return Error{"truncated header: the file ends at offset " + std::to_string(source_->size())};
  std::uint32_t crc = detail::crc32c(0, fixed + sizeof kMagic, 8);
  if (detail::crc32c(crc, body.data(), body_size) != get_le32(body.data() + body_size))
    return Error{"damaged header: checksum mismatch at offset " +
                 std::to_string(sizeof fixed + body_size)};
  detail::Cursor in(body.data(), body_size);
  header_.clock_resolution_ns = in.u32();
  header_.start_monotonic_ns = in.varint();
  header_.start_wall_ns = in.signed_varint();
  header_.pid = in.u32();
  header_.hostname = in.bytes();
  header_.program = in.bytes();
  header_.arguments.resize(in.count(1));
  for (std::string& a : header_.arguments) a = in.bytes();
  if (!in.ok()) return Error{"damaged header: malformed fields"};
  offset_ = sizeof fixed + body.size();
  return Ok{};
}

// Reads and verifies the chunk at offset_. Returns false at the end of the file.
bool TraceReader::load_next_chunk() {
  const std::uint64_t size = source_->size();
  while (offset_ < size) {
    unsigned char frame[kChunkHeaderSize];
    std::size_t got = source_->read(offset_, frame, sizeof frame);
    if (got < sizeof frame) {
      skip_damage(offset_, "truncated chunk header (the file ends inside it)");
      continue;
    }
    if (std::memcmp(frame, kChunkSync, 4) != 0) {
      skip_damage(offset_, "no chunk marker where a chunk should start");
      continue;
    }
    std::uint32_t length = get_le32(frame + 4);
    if (length > kMaxChunkPayload) {
      skip_damage(offset_, "implausible chunk length " + std::to_string(length));
      continue;
    }
    if (size - offset_ - sizeof frame < length) {
      skip_damage(offset_, "truncated chunk: " + std::to_string(length) +
                               " payload bytes announced, " +
                               std::to_string(size - offset_ - sizeof frame) + " present");
      continue;
    }
    chunk_.resize(length);
    if (source_->read(offset_ + sizeof frame, chunk_.data(), length) != length) {
      skip_damage(offset_, "read error inside chunk");
      continue;
    }
    std::uint32_t crc = detail::crc32c(0, frame + 4, 8);
    if (detail::crc32c(crc, chunk_.data(), length) != get_le32(frame + 12)) {
      skip_damage(offset_, "checksum mismatch in chunk");
      continue;
    }
    chunk_offset_ = offset_;
    chunk_thread_ = get_le32(frame + 8);
    chunk_pos_ = 0;
    last_time_ = 0;
    last_task_ = 0;
    offset_ += sizeof frame + length;
    ++stats_.chunks;
    return true;
  }
  chunk_.clear();
  chunk_pos_ = 0;
  return false;
}

// Records damage at `at` and moves offset_ to the next chunk whose frame and checksum hold
// (or to the end of the file).
void TraceReader::skip_damage(std::uint64_t at, std::string reason) {
  const std::uint64_t size = source_->size();
  std::vector<unsigned char> window(64 * 1024);
  std::vector<unsigned char> payload;
  std::uint64_t pos = at + 1;
  std::uint64_t found = size;
  while (pos + kChunkHeaderSize <= size && found == size) {
    std::size_t got = source_->read(pos, window.data(), window.size());
    if (got < 4) break;
    for (std::size_t i = 0; i + 4 <= got; ++i) {
      if (std::memcmp(window.data() + i, kChunkSync, 4) != 0) continue;
      std::uint64_t candidate = pos + i;
      unsigned char frame[kChunkHeaderSize];
      if (source_->read(candidate, frame, sizeof frame) != sizeof frame) break;
      std::uint32_t length = get_le32(frame + 4);
      if (length > kMaxChunkPayload || size - candidate - sizeof frame < length) continue;
      payload.resize(length);
      if (source_->read(candidate + sizeof frame, payload.data(), length) != length) continue;
      std::uint32_t crc = detail::crc32c(0, frame + 4, 8);
      if (detail::crc32c(crc, payload.data(), length) != get_le32(frame + 12)) continue;
      found = candidate;
      break;
    }
    // Overlap by 3 bytes so a marker split across windows is still seen.
    pos += got > 3 ? got - 3 : got;
  }
  damage_.push_back(Damage{at, found - at, std::move(reason)});
  offset_ = found;
}

std::optional<Record> TraceReader::next() {
  for (;;) {
    if (chunk_pos_ >= chunk_.size()) {
      if (!load_next_chunk()) return std::nullopt;
      continue;
    }
    detail::Cursor in(chunk_.data() + chunk_pos_, chunk_.size() - chunk_pos_);
    std::uint64_t kind = in.varint();
    std::uint64_t length = in.varint();
    if (!in.ok() || length > in.remaining()) {
      // The checksum held, so the writer produced this: report it and drop the chunk's rest.
      std::uint64_t at = chunk_offset_ + kChunkHeaderSize + chunk_pos_;
      damage_.push_back(Damage{at, chunk_.size() - chunk_pos_, "malformed record framing"});
      chunk_pos_ = chunk_.size();
      continue;
    }
    const std::size_t body_start = static_cast<std::size_t>(in.position() - chunk_.data());
    chunk_pos_ = body_start + static_cast<std::size_t>(length);
    detail::Cursor body(chunk_.data() + body_start, static_cast<std::size_t>(length));
    detail::DeltaState state{last_time_, last_task_};
    bool known = false;
    std::optional<Record> record = detail::decode_body(kind, body, state, chunk_thread_, known);
    if (!known) {
      ++stats_.unknown_records;
      continue;
    }
    if (!body.ok()) {
      std::uint64_t at = chunk_offset_ + kChunkHeaderSize + body_start;
      damage_.push_back(
          Damage{at, chunk_.size() - body_start,
                 std::string("malformed ") + kind_name(static_cast<RecordKind>(kind)) + " record"});
      chunk_pos_ = chunk_.size();
      continue;
    }
    last_time_ = state.time;
    last_task_ = state.task;
    ++stats_.records;
    return record;
  }
}

}  // namespace coscope::format
