// Distribution summaries: exact percentiles and log-scale bins for drawing.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "coscope/model/types.hpp"

namespace coscope::model {

// Nearest-rank percentiles of a sample (0 everywhere when the sample is empty).
struct Percentiles {
  std::uint64_t count = 0;
  Time p50 = 0;
  Time p90 = 0;
  Time p99 = 0;
  Time max = 0;
  bool operator==(const Percentiles&) const = default;
};

// Reorders `values` (partial sorts); exact nearest-rank p50/p90/p99 and max.
Percentiles percentiles(std::span<Time> values);

// A bin [low, high) of a histogram and how many values fell in it.
struct HistogramBin {
  Time low = 0;
  Time high = 0;
  std::uint64_t count = 0;
};

// Log-scale bins from the smallest to the largest value (at most `bins` bins, each
// covering an equal ratio), so that microsecond and second durations share one chart.
std::vector<HistogramBin> log_histogram(std::span<const Time> values, std::size_t bins);

}  // namespace coscope::model
