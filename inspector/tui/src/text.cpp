#include "text.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace coscope::tui {
namespace {

bool is_continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// Byte length of the first `columns` code points of text.
std::size_t prefix_bytes(std::string_view text, std::size_t columns) {
  std::size_t i = 0;
  std::size_t seen = 0;
  while (i < text.size()) {
    if (!is_continuation(text[i])) {
      if (seen == columns) break;
      ++seen;
    }
    ++i;
  }
  return i;
}

}  // namespace

std::size_t display_width(std::string_view text) {
  std::size_t n = 0;
  for (char c : text) n += !is_continuation(c);
  return n;
}

std::string clip(std::string_view text, std::size_t width, const Glyphs& glyphs) {
  if (display_width(text) <= width) return std::string(text);
  if (width == 0) return {};
  std::string out(text.substr(0, prefix_bytes(text, width - 1)));
  out += glyphs.ellipsis;
  return out;
}

std::string fit(std::string_view text, std::size_t width, const Glyphs& glyphs, Align align) {
  std::string out = clip(text, width, glyphs);
  const std::size_t pad = width - display_width(out);
  if (align == Align::right) return std::string(pad, ' ') + out;
  out.append(pad, ' ');
  return out;
}

std::string format_duration(Nanos ns, const Glyphs& glyphs) {
  if (ns == 0) return "0";
  char buf[32];
  auto three_digits = [&](double value, std::string_view unit) {
    const int decimals = value < 10 ? 2 : value < 100 ? 1 : 0;
    std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
    return std::string(buf) + std::string(unit);
  };
  if (ns < 1000) return std::to_string(ns) + "ns";
  if (ns < 999'500) return three_digits(ns / 1e3, glyphs.micro);
  if (ns < 999'500'000) return three_digits(ns / 1e6, "ms");
  if (ns < 59'995'000'000) return three_digits(ns / 1e9, "s");
  const std::uint64_t seconds = (ns + 500'000'000) / 1'000'000'000;
  std::snprintf(buf, sizeof buf, "%llum%02llus", static_cast<unsigned long long>(seconds / 60),
                static_cast<unsigned long long>(seconds % 60));
  return buf;
}

std::optional<Nanos> parse_time(std::string_view text, Nanos now, Nanos duration) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  int sign = 0;
  if (!text.empty() && (text.front() == '+' || text.front() == '-')) {
    sign = text.front() == '+' ? 1 : -1;
    text.remove_prefix(1);
  }
  if (text.empty()) return std::nullopt;
  const std::string number(text);
  char* end = nullptr;
  const double value = std::strtod(number.c_str(), &end);
  if (end == number.c_str() || !std::isfinite(value) || value < 0) return std::nullopt;
  std::string_view unit(end);
  while (!unit.empty() && unit.front() == ' ') unit.remove_prefix(1);
  double scale = 0;
  if (unit.empty() || unit == "s")
    scale = 1e9;
  else if (unit == "ms")
    scale = 1e6;
  else if (unit == "us" || unit == "µs")
    scale = 1e3;
  else if (unit == "ns")
    scale = 1;
  else if (unit == "m" || unit == "min")
    scale = 60e9;
  else if (unit == "%")
    scale = static_cast<double>(duration) / 100;
  else
    return std::nullopt;
  const double amount = value * scale;
  if (amount > 1.8e19) return std::nullopt;
  const auto delta = static_cast<Nanos>(std::llround(amount));
  if (sign == 0) return delta;
  if (sign > 0) return now + delta;
  return delta > now ? 0 : now - delta;
}

}  // namespace coscope::tui
