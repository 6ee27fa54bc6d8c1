// Task names that become known after the spawn was recorded (see expect_name()).
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <unordered_map>

namespace coscope::tracer::detail {

class PendingNames {
 public:
  void expect(std::uint64_t task);
  void settle(std::uint64_t task, std::uint64_t name);
  // nullopt while the task's name is expected but not settled; otherwise the settled name
  // (0 when none was expected), forgotten once returned.
  std::optional<std::uint64_t> take(std::uint64_t task);
  void clear();
  // Held across fork() (fork.cpp): the child then finds the lock free and the names whole.
  void lock_for_fork() { mutex_.lock(); }
  void unlock_after_fork() { mutex_.unlock(); }

 private:
  static constexpr std::uint64_t kUnsettled = ~std::uint64_t{0};
  std::mutex mutex_;
  std::unordered_map<std::uint64_t, std::uint64_t> names_;
};

PendingNames& pending_names();

}  // namespace coscope::tracer::detail
