// LEB128 varints and zigzag signed integers: the encoding of every integer in a record.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace coscope::format::detail {

inline void put_varint(std::vector<unsigned char>& out, std::uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<unsigned char>(v | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<unsigned char>(v));
}

inline std::uint64_t zigzag(std::int64_t v) {
  return (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63);
}
inline std::int64_t unzigzag(std::uint64_t v) {
  return static_cast<std::int64_t>(v >> 1) ^ -static_cast<std::int64_t>(v & 1);
}

inline void put_signed(std::vector<unsigned char>& out, std::int64_t v) {
  put_varint(out, zigzag(v));
}

inline void put_bytes(std::vector<unsigned char>& out, std::string_view s) {
  put_varint(out, s.size());
  out.insert(out.end(), s.begin(), s.end());
}

// Reads from a bounded span; every read checks the bound and a failed read latches ok=false,
// so decoders read all fields and test ok once.
class Cursor {
 public:
  Cursor(const unsigned char* data, std::size_t size) : p_(data), end_(data + size) {}

  std::uint64_t varint() {
    std::uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (p_ == end_) return fail();
      unsigned char b = *p_++;
      v |= std::uint64_t(b & 0x7F) << shift;
      if (!(b & 0x80)) return v;
    }
    return fail();  // more than 10 bytes: not a varint we write
  }
  std::uint32_t u32() {
    std::uint64_t v = varint();
    if (v > 0xFFFFFFFFu) return static_cast<std::uint32_t>(fail());
    return static_cast<std::uint32_t>(v);
  }
  std::uint8_t u8() {
    if (p_ == end_) return static_cast<std::uint8_t>(fail());
    return *p_++;
  }
  std::int64_t signed_varint() { return unzigzag(varint()); }
  std::string bytes() {
    std::uint64_t n = varint();
    if (!ok_ || n > remaining()) return fail(), std::string();
    std::string s(reinterpret_cast<const char*>(p_), n);
    p_ += n;
    return s;
  }
  // A count of elements each at least min_size bytes long; fails if they cannot fit,
  // so a corrupt count never makes a decoder allocate.
  std::size_t count(std::size_t min_size) {
    std::uint64_t n = varint();
    if (!ok_ || n > remaining() / (min_size ? min_size : 1)) return fail(), 0;
    return static_cast<std::size_t>(n);
  }
  std::size_t remaining() const { return static_cast<std::size_t>(end_ - p_); }
  const unsigned char* position() const { return p_; }
  void skip(std::size_t n) { p_ += n < remaining() ? n : remaining(); }
  bool ok() const { return ok_; }

 private:
  std::uint64_t fail() {
    ok_ = false;
    p_ = end_;
    return 0;
  }
  const unsigned char* p_;
  const unsigned char* end_;
  bool ok_ = true;
};

}  // namespace coscope::format::detail
