#include "names.hpp"

#include "coscope/tracer/recorder.hpp"
#include "quiet_lock.hpp"

namespace coscope::tracer {
namespace detail {

void PendingNames::expect(std::uint64_t task) {
  QuietLock lock(mutex_);
  names_.try_emplace(task, kUnsettled);
}

void PendingNames::settle(std::uint64_t task, std::uint64_t name) {
  QuietLock lock(mutex_);
  auto it = names_.find(task);
  if (it != names_.end() && it->second == kUnsettled) it->second = name;
}

std::optional<std::uint64_t> PendingNames::take(std::uint64_t task) {
  QuietLock lock(mutex_);
  auto it = names_.find(task);
  if (it == names_.end()) return 0;
  if (it->second == kUnsettled) return std::nullopt;
  std::uint64_t name = it->second;
  names_.erase(it);
  return name;
}

void PendingNames::clear() {
  QuietLock lock(mutex_);
  names_.clear();
}

PendingNames& pending_names() {
  static PendingNames* names = new PendingNames;  // leaked: used until the last event
  return *names;
}

}  // namespace detail

void expect_name(TaskId task) noexcept {
  if (!active()) return;
  try {
    detail::pending_names().expect(task);
  } catch (...) {  // out of memory: the spawn is written without a name
  }
}

void settle_name(TaskId task, std::uint64_t name) noexcept {
  detail::pending_names().settle(task, name);
}

}  // namespace coscope::tracer
