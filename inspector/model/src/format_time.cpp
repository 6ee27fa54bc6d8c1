#include "coscope/model/format_time.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace coscope::model {
namespace {

std::string three_digits(double value, const char* unit) {
  char buf[32];
  if (value >= 100)
    std::snprintf(buf, sizeof buf, "%.0f %s", value, unit);
  else if (value >= 10)
    std::snprintf(buf, sizeof buf, "%.1f %s", value, unit);
  else
    std::snprintf(buf, sizeof buf, "%.2f %s", value, unit);
  return buf;
}

}  // namespace

std::string format_duration(Time ns) {
  if (ns < 1000) return std::to_string(ns) + " ns";
  if (ns < 1'000'000) return three_digits(double(ns) / 1e3, "us");
  if (ns < 1'000'000'000) return three_digits(double(ns) / 1e6, "ms");
  if (ns < 60'000'000'000ull) return three_digits(double(ns) / 1e9, "s");
  const Time seconds = ns / 1'000'000'000ull;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%llum%02llus", static_cast<unsigned long long>(seconds / 60),
                static_cast<unsigned long long>(seconds % 60));
  return buf;
}

std::string format_time(Time ns) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%llu.%06llus",
                static_cast<unsigned long long>(ns / 1'000'000'000ull),
                static_cast<unsigned long long>(ns % 1'000'000'000ull / 1000));
  return buf;
}

std::optional<Time> parse_time(std::string_view text, Time duration) {
  if (text.empty()) return std::nullopt;
  // Split the number from its unit.
  std::size_t end = 0;
  while (end < text.size() &&
         (std::isdigit(static_cast<unsigned char>(text[end])) || text[end] == '.'))
    ++end;
  if (end == 0) return std::nullopt;
  double value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + end, value);
  if (ec != std::errc() || ptr != text.data() + end || !std::isfinite(value)) return std::nullopt;
  const std::string_view unit = text.substr(end);
  double ns = 0;
  if (unit.empty() || unit == "s")
    ns = value * 1e9;
  else if (unit == "ms")
    ns = value * 1e6;
  else if (unit == "us")
    ns = value * 1e3;
  else if (unit == "ns")
    ns = value;
  else if (unit == "m" || unit == "min")
    ns = value * 60e9;
  else if (unit == "%")
    ns = value / 100.0 * double(duration);
  else
    return std::nullopt;
  if (ns < 0 || ns > 1.8e19) return std::nullopt;
  return static_cast<Time>(std::llround(ns));
}

}  // namespace coscope::model
