#include "names.hpp"

#include <array>

namespace coscope::tui {

std::string short_name(std::string_view name) {
  static constexpr std::array<std::string_view, 5> kNoise = {
      "(anonymous namespace)::", " [clone .actor]", " [clone .resume]", " [clone .destroy]",
      " [clone .cold]"};
  std::string out(name);
  for (std::string_view noise : kNoise)
    for (auto at = out.find(noise); at != std::string::npos; at = out.find(noise, at))
      out.erase(at, noise.size());
  return out;
}

namespace {

std::string short_path(const std::string& path, std::string_view ellipsis) {
  const std::size_t last = path.rfind('/');
  if (last == std::string::npos || last == 0) return path;
  const std::size_t before = path.rfind('/', last - 1);
  if (before == std::string::npos || before == 0) return path;
  return std::string(ellipsis) + path.substr(before);
}

}  // namespace

std::string describe_with_short_paths(const model::AsyncFrame& frame, std::string_view ellipsis) {
  model::AsyncFrame copy = frame;
  copy.file = short_path(copy.file, ellipsis);
  for (auto& resolved : copy.symbol) resolved.file = short_path(resolved.file, ellipsis);
  return copy.describe();
}

}  // namespace coscope::tui
