// Fixed-width bit fields packed back to back in 64-bit words: the event store and the load's
// staging keep each field of a block of events at the width its values in that block need
// (frame of reference: values are stored minus the block's smallest), which is a few bits
// for times, tasks and kinds that change little between neighbouring events.
#pragma once

#include <bit>
#include <cstdint>
#include <memory>

namespace coscope::model::detail {

// Bits needed to store values 0..max.
inline unsigned bits_for(std::uint64_t max) {
  return static_cast<unsigned>(std::bit_width(max));
}

inline std::uint64_t low_mask(unsigned width) {
  return width >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << width) - 1;
}

// Words for `bits` bits, plus one so that a read may always look at the following word.
inline std::size_t words_for(std::uint64_t bits) {
  return static_cast<std::size_t>(bits / 64 + 2);
}

// Writes `width` (<= 64) bits of `value` at bit `pos`; the words start zeroed.
inline void put_bits(std::uint64_t* words, std::uint64_t pos, unsigned width, std::uint64_t value) {
  if (width == 0) return;
  const std::size_t w = static_cast<std::size_t>(pos / 64);
  const unsigned shift = static_cast<unsigned>(pos % 64);
  words[w] |= value << shift;
  if (shift + width > 64) words[w + 1] |= value >> (64 - shift);
}

inline std::uint64_t get_bits(const std::uint64_t* words, std::uint64_t pos, unsigned width) {
  const std::size_t w = static_cast<std::size_t>(pos / 64);
  const unsigned shift = static_cast<unsigned>(pos % 64);
  std::uint64_t v = words[w] >> shift;
  if (shift + width > 64) v |= words[w + 1] << (64 - shift);
  return v & low_mask(width);
}

}  // namespace coscope::model::detail
