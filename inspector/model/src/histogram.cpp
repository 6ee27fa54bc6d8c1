#include "coscope/model/histogram.hpp"

#include <algorithm>
#include <cmath>

namespace coscope::model {

Percentiles percentiles(std::span<Time> values) {
  Percentiles p;
  p.count = values.size();
  if (values.empty()) return p;
  // Nearest rank: the smallest value with at least q of the sample at or below it.
  auto rank = [&](double q) {
    std::size_t k = static_cast<std::size_t>(std::ceil(q * double(values.size())));
    k = std::clamp<std::size_t>(k, 1, values.size()) - 1;
    std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(k), values.end());
    return values[k];
  };
  p.p50 = rank(0.50);
  p.p90 = rank(0.90);
  p.p99 = rank(0.99);
  p.max = *std::max_element(values.begin(), values.end());
  return p;
}

std::vector<HistogramBin> log_histogram(std::span<const Time> values, std::size_t bins) {
  std::vector<HistogramBin> out;
  if (values.empty() || bins == 0) return out;
  const auto [lo_it, hi_it] = std::minmax_element(values.begin(), values.end());
  const double lo = std::max<double>(1.0, double(*lo_it));
  const double hi = std::max<double>(lo + 1.0, double(*hi_it) + 1.0);
  const double ratio = std::pow(hi / lo, 1.0 / double(bins));
  out.resize(bins);
  double edge = lo;
  for (std::size_t i = 0; i < bins; ++i) {
    out[i].low = i == 0 ? *lo_it : out[i - 1].high;
    edge *= ratio;
    out[i].high = i + 1 == bins ? *hi_it + 1 : std::max(out[i].low + 1, Time(std::ceil(edge)));
  }
  for (Time v : values) {
    auto it = std::upper_bound(out.begin(), out.end(), v,
                               [](Time x, const HistogramBin& b) { return x < b.high; });
    if (it != out.end()) ++it->count;
  }
  return out;
}

}  // namespace coscope::model
