#include "log_histogram.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

namespace coscope::model::detail {

// Values below 2^kSubBits have their own bucket; above, a bucket is (exponent, the kSubBits
// bits below the leading one).
int LogHistogram::bucket_of(Time value) {
  if (value < (Time{1} << kSubBits)) return static_cast<int>(value);
  const int exponent = 63 - std::countl_zero(value);  // >= kSubBits
  const int shift = exponent - kSubBits;
  const int mantissa = static_cast<int>((value >> shift) & ((1u << kSubBits) - 1));
  return ((shift + 1) << kSubBits) + mantissa;
}

Time LogHistogram::bucket_high(int bucket) {
  const int group = bucket >> kSubBits;
  const Time mantissa = static_cast<Time>(bucket & ((1 << kSubBits) - 1));
  if (group == 0) return mantissa;
  const int shift = group - 1;
  const Time low = ((Time{1} << kSubBits) | mantissa) << shift;
  return low + ((Time{1} << shift) - 1);
}

void LogHistogram::add(Time value) {
  ++counts_[static_cast<std::size_t>(bucket_of(value))];
  ++count_;
  max_ = std::max(max_, value);
}

Percentiles LogHistogram::percentiles() const {
  Percentiles p;
  p.count = count_;
  p.max = max_;
  if (count_ == 0) return p;
  auto rank_value = [&](double q) {
    const std::uint64_t rank =
        std::max<std::uint64_t>(1, static_cast<std::uint64_t>(std::ceil(q * double(count_))));
    std::uint64_t seen = 0;
    for (int b = 0; b < kBuckets; ++b) {
      seen += counts_[static_cast<std::size_t>(b)];
      if (seen >= rank) return std::min(bucket_high(b), max_);
    }
    return max_;
  };
  p.p50 = rank_value(0.50);
  p.p90 = rank_value(0.90);
  p.p99 = rank_value(0.99);
  return p;
}

}  // namespace coscope::model::detail
