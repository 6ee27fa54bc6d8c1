// A log-linear histogram (128 sub-buckets per power of two: values within 1%) for
// percentiles over millions of samples in constant memory.
#pragma once

#include <array>
#include <cstdint>

#include "coscope/model/histogram.hpp"

namespace coscope::model::detail {

class LogHistogram {
 public:
  void add(Time value);
  // Percentiles reported as the upper end of the bucket holding the rank (max is exact).
  Percentiles percentiles() const;

 private:
  static constexpr int kSubBits = 7;
  static constexpr int kBuckets = (64 - kSubBits + 1) << kSubBits;
  static int bucket_of(Time value);
  static Time bucket_high(int bucket);
  std::array<std::uint64_t, kBuckets> counts_{};
  std::uint64_t count_ = 0;
  Time max_ = 0;
};

}  // namespace coscope::model::detail
