// Trace task ids -> dense task indexes. Tracers hand out ids from a counter, so most ids are
// small and close together: those live in a flat array (4 bytes per id, one load per
// lookup); ids far beyond the tasks seen so far go to a hash map.
#pragma once

#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

#include "coscope/format/records.hpp"
#include "coscope/model/types.hpp"

namespace coscope::model::detail {

class TaskIds {
 public:
  std::optional<TaskIndex> find(format::TaskId id) const {
    if (id < dense_.size()) {
      if (dense_[id] == kNoTask) return std::nullopt;
      return dense_[id];
    }
    auto it = sparse_.find(id);
    if (it == sparse_.end()) return std::nullopt;
    return it->second;
  }
  // The index of `id`, adding it as `next` when it is new; `added` says which.
  TaskIndex insert(format::TaskId id, TaskIndex next, bool& added) {
    if (id >= dense_.size() && id <= dense_limit(next)) {
      std::size_t size = std::max<std::size_t>(dense_.size() * 2, 1024);
      while (size <= id) size *= 2;
      dense_.resize(size, kNoTask);
    }
    if (id < dense_.size()) {
      added = dense_[id] == kNoTask;
      if (added) dense_[id] = next;
      return dense_[id];
    }
    auto [it, inserted] = sparse_.try_emplace(id, next);
    added = inserted;
    return it->second;
  }
  std::uint64_t bytes() const {
    return dense_.capacity() * sizeof(TaskIndex) + sparse_.size() * 32 +
           sparse_.bucket_count() * sizeof(void*);
  }

 private:
  // The array may span up to 4 slots per task seen, plus a head start.
  static std::uint64_t dense_limit(TaskIndex tasks) { return 4 * std::uint64_t(tasks) + 65536; }

  std::vector<TaskIndex> dense_;
  std::unordered_map<format::TaskId, TaskIndex> sparse_;
};

}  // namespace coscope::model::detail
