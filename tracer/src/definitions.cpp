#include "definitions.hpp"

#include <cstring>
#include <utility>

namespace coscope::tracer::detail {

format::StringId Definitions::intern(std::string_view text) {
  std::lock_guard lock(mutex_);
  auto [it, inserted] =
      strings_.try_emplace(std::string(text), static_cast<format::StringId>(strings_.size() + 1));
  if (inserted) pending_.push_back(format::StringDef{it->second, it->first});
  return it->second;
}

std::vector<format::Record> Definitions::take_pending() {
  std::lock_guard lock(mutex_);
  return std::exchange(pending_, {});
}

void Definitions::add(format::Record definition) {
  std::lock_guard lock(mutex_);
  pending_.push_back(std::move(definition));
}

format::StringId Definitions::operation(const char* object_type, const char* op_name) {
  if (object_type == nullptr && op_name == nullptr) return 0;
  auto key =
      std::make_pair(static_cast<const void*>(object_type), static_cast<const void*>(op_name));
  auto it = operations_.find(key);
  if (it != operations_.end()) return it->second;
  std::string text = object_type == nullptr ? "" : object_type;
  if (op_name != nullptr) {
    if (!text.empty()) text += '.';
    text += op_name;
  }
  format::StringId id = intern(text);
  operations_.emplace(key, id);
  return id;
}

format::LocationId Definitions::location(const char* file, const char* function,
                                         std::uint32_t line) {
  if (file == nullptr && function == nullptr) return 0;
  Location key{file, function, line};
  auto it = locations_.find(key);
  if (it != locations_.end()) return it->second;
  auto id = static_cast<format::LocationId>(locations_.size() + 1);
  format::LocationDef def;
  def.id = id;
  def.file = file == nullptr ? 0 : intern(file);
  def.function = function == nullptr ? 0 : intern(function);
  def.line = line;
  add(def);
  locations_.emplace(key, id);
  return id;
}

format::StackId Definitions::stack(const std::uint64_t* frames, unsigned frame_count,
                                   const std::uint64_t* awaiters, unsigned awaiter_count) {
  if (frame_count == 0 && awaiter_count == 0) return 0;
  std::string key(2 + 8 * (frame_count + awaiter_count), '\0');
  key[0] = static_cast<char>(frame_count);
  key[1] = static_cast<char>(awaiter_count);
  std::memcpy(key.data() + 2, frames, 8 * frame_count);
  std::memcpy(key.data() + 2 + 8 * frame_count, awaiters, 8 * awaiter_count);
  auto it = stacks_.find(key);
  if (it != stacks_.end()) return it->second;
  auto id = static_cast<format::StackId>(stacks_.size() + 1);
  format::StackDef def;
  def.id = id;
  def.frames.assign(frames, frames + frame_count);
  def.awaiters.assign(awaiters, awaiters + awaiter_count);
  for (std::uint64_t a : def.frames)
    if (addresses_.try_emplace(a, true).second) new_addresses_.emplace_back(a, true);
  for (std::uint64_t a : def.awaiters)
    if (addresses_.try_emplace(a, false).second) new_addresses_.emplace_back(a, false);
  add(std::move(def));
  stacks_.emplace(std::move(key), id);
  return id;
}

std::vector<std::pair<std::uint64_t, bool>> Definitions::take_new_addresses() {
  return std::exchange(new_addresses_, {});
}

}  // namespace coscope::tracer::detail
