// Interning of the definitions events refer to. Strings can be interned from any thread
// (cold events); operations, locations and stacks are interned by the writer thread from the
// raw pointers and addresses of hot records. New definitions queue up until the writer takes
// them and writes them in a chunk ahead of the event chunks that use them.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "coscope/format/records.hpp"

namespace coscope::tracer::detail {

class Definitions {
 public:
  // Any thread.
  format::StringId intern(std::string_view text);
  std::vector<format::Record> take_pending();

  // Writer thread only.
  format::StringId operation(const char* object_type, const char* op_name);
  format::LocationId location(const char* file, const char* function, std::uint32_t line);
  format::StackId stack(const std::uint64_t* frames, unsigned frame_count,
                        const std::uint64_t* awaiters, unsigned awaiter_count);
  void add(format::Record definition);
  // Addresses that appeared in stacks since the last call, each reported once; `second` is
  // true for return addresses (physical frames), false for function addresses (awaiters).
  std::vector<std::pair<std::uint64_t, bool>> take_new_addresses();

 private:
  struct PairHash {
    std::size_t operator()(const std::pair<const void*, const void*>& p) const {
      return std::hash<const void*>()(p.first) * 31 + std::hash<const void*>()(p.second);
    }
  };
  struct Location {
    const char* file;
    const char* function;
    std::uint32_t line;
    bool operator==(const Location&) const = default;
  };
  struct LocationHash {
    std::size_t operator()(const Location& l) const {
      return (std::hash<const void*>()(l.file) * 31 + std::hash<const void*>()(l.function)) * 31 +
             l.line;
    }
  };

  std::mutex mutex_;  // guards strings_ and pending_
  std::unordered_map<std::string, format::StringId> strings_;
  std::vector<format::Record> pending_;

  std::unordered_map<std::pair<const void*, const void*>, format::StringId, PairHash> operations_;
  std::unordered_map<Location, format::LocationId, LocationHash> locations_;
  std::unordered_map<std::string, format::StackId> stacks_;
  std::unordered_map<std::uint64_t, bool> addresses_;
  std::vector<std::pair<std::uint64_t, bool>> new_addresses_;
};

}  // namespace coscope::tracer::detail
