#include "coscope/format/writer.hpp"

#include <fcntl.h>
#include <sys/uio.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "crc32c.hpp"
#include "varint.hpp"

namespace coscope::format {
namespace {

constexpr unsigned char kChunkSync[4] = {'C', 'S', 'C', 'K'};

void put_le32(unsigned char* out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out[i] = static_cast<unsigned char>(v >> (8 * i));
}

}  // namespace

void frame_chunk(ThreadId thread, const unsigned char* payload, std::uint32_t size,
                 unsigned char out[kChunkHeaderSize]) {
  __builtin_memcpy(out, kChunkSync, 4);
  put_le32(out + 4, size);
  put_le32(out + 8, thread);
  std::uint32_t crc = detail::crc32c(0, out + 4, 8);
  crc = detail::crc32c(crc, payload, size);
  put_le32(out + 12, crc);
}

std::string encode_header(const FileHeader& h) {
  std::vector<unsigned char> body;
  detail::put_varint(body, h.clock_resolution_ns);
  detail::put_varint(body, h.start_monotonic_ns);
  detail::put_signed(body, h.start_wall_ns);
  detail::put_varint(body, h.pid);
  detail::put_bytes(body, h.hostname);
  detail::put_bytes(body, h.program);
  detail::put_varint(body, h.arguments.size());
  for (const std::string& a : h.arguments) detail::put_bytes(body, a);

  std::string out(reinterpret_cast<const char*>(kMagic), sizeof kMagic);
  unsigned char fixed[8];
  fixed[0] = static_cast<unsigned char>(h.version_major);
  fixed[1] = static_cast<unsigned char>(h.version_major >> 8);
  fixed[2] = static_cast<unsigned char>(h.version_minor);
  fixed[3] = static_cast<unsigned char>(h.version_minor >> 8);
  put_le32(fixed + 4, static_cast<std::uint32_t>(body.size()));
  out.append(reinterpret_cast<const char*>(fixed), sizeof fixed);
  out.append(body.begin(), body.end());
  unsigned char crc[4];
  // The checksum covers the version and length fields too, so no header byte goes unchecked.
  put_le32(crc, detail::crc32c(detail::crc32c(0, fixed, sizeof fixed), body.data(), body.size()));
  out.append(reinterpret_cast<const char*>(crc), sizeof crc);
  return out;
}

TraceWriter::TraceWriter(TraceWriter&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), bytes_(other.bytes_) {}

TraceWriter& TraceWriter::operator=(TraceWriter&& other) noexcept {
  if (this != &other) {
    (void)close();
    fd_ = std::exchange(other.fd_, -1);
    bytes_ = other.bytes_;
  }
  return *this;
}

TraceWriter::~TraceWriter() {
  (void)close();
}

Result<TraceWriter> TraceWriter::create(const std::string& path, const FileHeader& header) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Error{"cannot create " + path + ": " + std::strerror(errno)};
  return adopt(fd, header);
}

Result<TraceWriter> TraceWriter::adopt(int fd, const FileHeader& header) {
  TraceWriter w;
  w.fd_ = fd;
  std::string bytes = encode_header(header);
  Status s = w.write_all(bytes.data(), bytes.size());
  if (!s) return s.error();
  return w;
}

Status TraceWriter::write_all(const void* data, std::size_t size) {
  if (fd_ < 0) return Error{"trace file is not open"};
  auto p = static_cast<const char*>(data);
  while (size > 0) {
    ssize_t n = ::write(fd_, p, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Error{std::string("cannot write trace: ") + std::strerror(errno)};
    }
    p += n;
    size -= static_cast<std::size_t>(n);
    bytes_ += static_cast<std::uint64_t>(n);
  }
  return Ok{};
}

Status TraceWriter::write_payload(ThreadId thread, const unsigned char* payload,
                                  std::uint32_t size) {
  if (size > kMaxChunkPayload) return Error{"chunk payload larger than the format allows"};
  unsigned char frame[kChunkHeaderSize];
  frame_chunk(thread, payload, size, frame);
  // One writev, so that a reader never sees a frame without its payload from a single write,
  // and without copying the payload behind the frame (a tenth of the tracer's writer thread).
  if (fd_ < 0) return Error{"trace file is not open"};
  iovec parts[2] = {{frame, kChunkHeaderSize}, {const_cast<unsigned char*>(payload), size}};
  std::size_t left = kChunkHeaderSize + std::size_t{size};
  for (;;) {
    ssize_t n = ::writev(fd_, parts, 2);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Error{std::string("cannot write trace: ") + std::strerror(errno)};
    }
    bytes_ += static_cast<std::uint64_t>(n);
    left -= static_cast<std::size_t>(n);
    if (left == 0) return Ok{};
    // A short write: the rest of the frame, if any, then the rest of the payload.
    std::size_t done = static_cast<std::size_t>(n);
    if (done < parts[0].iov_len) {
      parts[0].iov_base = static_cast<unsigned char*>(parts[0].iov_base) + done;
      parts[0].iov_len -= done;
      continue;
    }
    done -= parts[0].iov_len;
    parts[0].iov_len = 0;
    parts[1].iov_base = static_cast<unsigned char*>(parts[1].iov_base) + done;
    parts[1].iov_len -= done;
  }
}

Status TraceWriter::write_chunk(ChunkEncoder& chunk) {
  if (chunk.empty()) return Ok{};
  Status s = write_payload(chunk.thread(), chunk.payload().data(),
                           static_cast<std::uint32_t>(chunk.size()));
  chunk.reset(chunk.thread());
  return s;
}

Status TraceWriter::sync() {
  if (fd_ >= 0 && ::fdatasync(fd_) != 0 && errno != EINVAL)
    return Error{std::string("cannot sync trace: ") + std::strerror(errno)};
  return Ok{};
}

Status TraceWriter::close() {
  if (fd_ < 0) return Ok{};
  int fd = std::exchange(fd_, -1);
  if (::close(fd) != 0) return Error{std::string("cannot close trace: ") + std::strerror(errno)};
  return Ok{};
}

}  // namespace coscope::format
