// Stacks of findings: the caller's frames outwards from a known return address (so the
// interposer and the tracer's own frames never show), then the task's awaiting coroutines.
#include "../backtrace.hpp"
#include "checks.hpp"

namespace coscope::checks {

void capture_from(tracer::RawStack& stack, const void* caller) noexcept {
  constexpr int kExtra = 16;  // room for the tracer's and a sanitizer's frames above the caller
  void* buffer[tracer::RawStack::kMaxFrames + kExtra];
  int n =
      tracer::detail::backtrace_here(buffer, static_cast<int>(sizeof buffer / sizeof buffer[0]));
  int first = 0;
  while (first < n && buffer[first] != caller) ++first;
  if (first == n) first = n < 2 ? 0 : 2;  // not found (tail call): skip this and its caller
  int count = 0;
  for (int i = first; i < n && count < tracer::RawStack::kMaxFrames; ++i)
    stack.frame[count++] = reinterpret_cast<std::uint64_t>(buffer[i]);
  stack.frames = static_cast<std::uint8_t>(count);
  stack.awaiters = 0;
  tracer::capture_awaiters(stack);
}

}  // namespace coscope::checks
