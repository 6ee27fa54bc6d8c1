#include "task_order.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <unordered_map>

namespace coscope::tui {
namespace {

bool contains_folded(std::string_view haystack, std::string_view needle) {
  auto it = std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(),
                        [](char a, char b) {
                          return std::tolower(static_cast<unsigned char>(a)) ==
                                 std::tolower(static_cast<unsigned char>(b));
                        });
  return it != haystack.end();
}

// Ranks of `keys` in text order (equal texts share a rank).
std::vector<std::uint32_t> ranks(const std::vector<std::string_view>& keys) {
  std::vector<std::uint32_t> order(keys.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](auto a, auto b) { return keys[a] < keys[b]; });
  std::vector<std::uint32_t> out(keys.size());
  std::uint32_t rank = 0;
  for (std::size_t i = 0; i < order.size(); ++i) {
    if (i > 0 && keys[order[i]] != keys[order[i - 1]]) ++rank;
    out[order[i]] = rank;
  }
  return out;
}

constexpr unsigned kRadixBits = 16;
constexpr std::size_t kRadix = std::size_t{1} << kRadixBits;

std::uint64_t sort_key(const model::Task& task, TaskIndex index, const TaskTexts& texts,
                       const model::Snapshot& snapshot, Column column) {
  switch (column) {
    case Column::warn:
      return task.findings;
    case Column::id:
      return 0;
    case Column::name:
      return texts.name_rank(index);
    case Column::state:
      return static_cast<std::uint64_t>(snapshot.tasks[index].phase);
    case Column::total:
      return task_total(task, snapshot.tasks[index], snapshot.time);
    case Column::busy:
      return task.figures.busy;
    case Column::sched:
      return task.figures.scheduled;
    case Column::idle:
      return task.figures.idle;
    case Column::resumes:
      return task.figures.resumes;
    case Column::spawned_at:
      return texts.site_rank(index);
  }
  return 0;
}

}  // namespace

std::string spawn_site(const model::Model& model, const model::Task& task) {
  const model::SourceLocation where = model.location(task.spawn_location);
  if (where.file.empty()) return std::string(where.function);
  std::string_view file = where.file;
  if (auto slash = file.rfind('/'); slash != std::string_view::npos) file.remove_prefix(slash + 1);
  std::string out(file);
  if (where.line != 0) out += ":" + std::to_string(where.line);
  return out;
}

Time task_total(const model::Task& task, const model::TaskState& state, Time at) {
  if (state.phase == model::Phase::not_spawned || at < task.spawned) return 0;
  const Time end = task.ended && *task.ended < at ? *task.ended : at;
  return end - task.spawned;
}

bool passes_state_filter(const model::TaskState& state, StateFilter filter) {
  using model::Phase;
  if (state.phase == Phase::not_spawned) return false;
  switch (filter) {
    case StateFilter::all:
      return true;
    case StateFilter::live:
      return state.phase != Phase::done && state.phase != Phase::failed;
    case StateFilter::running:
      return state.phase == Phase::running;
    case StateFilter::scheduled:
      return state.phase == Phase::scheduled;
    case StateFilter::suspended:
      return state.phase == Phase::suspended;
    case StateFilter::done:
      return state.phase == Phase::done;
    case StateFilter::failed:
      return state.phase == Phase::failed;
  }
  return true;
}

TaskTexts::TaskTexts(const model::Model& model) {
  const auto& tasks = model.tasks();
  // Tasks spawned at one place share a location id: one string per location.
  std::unordered_map<format::LocationId, std::uint32_t> by_location;
  site_of_.resize(tasks.size());
  for (TaskIndex i = 0; i < tasks.size(); ++i) {
    auto [it, added] =
        by_location.try_emplace(tasks[i].spawn_location, static_cast<std::uint32_t>(sites_.size()));
    if (added) sites_.push_back(spawn_site(model, tasks[i]));
    site_of_[i] = it->second;
  }
  site_rank_ = ranks(std::vector<std::string_view>(sites_.begin(), sites_.end()));
  std::vector<std::string_view> names(tasks.size());
  for (TaskIndex i = 0; i < tasks.size(); ++i) names[i] = tasks[i].name;
  name_rank_ = ranks(names);
  by_id_.resize(tasks.size());
  for (TaskIndex i = 0; i < tasks.size(); ++i) by_id_[i] = i;
  std::sort(by_id_.begin(), by_id_.end(),
            [&](TaskIndex a, TaskIndex b) { return tasks[a].id < tasks[b].id; });
}

bool matches_text(const model::Model& model, const TaskTexts& texts, TaskIndex index,
                  const model::TaskState& state, std::string_view needle) {
  if (needle.empty()) return true;
  const model::Task& task = model.tasks()[index];
  if (contains_folded(task.name, needle)) return true;
  char id[24] = "#";
  const auto end = std::to_chars(id + 1, id + sizeof id, task.id).ptr;
  if (contains_folded(std::string_view(id, static_cast<std::size_t>(end - id)), needle))
    return true;
  if (contains_folded(model::phase_name(state.phase), needle)) return true;
  if (contains_folded(texts.site(index), needle)) return true;
  if (state.site != 0 && contains_folded(model.site(state.site).operation, needle)) return true;
  return false;
}

bool time_independent(Column column) {
  return column != Column::state && column != Column::total;
}

std::vector<TaskIndex> sort_tasks(const model::Model& model, const TaskTexts& texts,
                                  const model::Snapshot& snapshot, const ViewState& state) {
  const auto& tasks = model.tasks();
  // Ties keep the id order: start from it (reversed when descending) and sort stably by the
  // key alone. An LSD radix sort, 16 bits a pass, skipping the digits where all keys agree:
  // a few linear passes instead of n log n comparisons (250k tasks sort in a few ms).
  std::vector<TaskIndex> order = texts.by_id();
  if (state.descending) std::reverse(order.begin(), order.end());
  if (state.sort == Column::id || snapshot.tasks.size() < tasks.size()) return order;
  const std::uint64_t flip = state.descending ? ~std::uint64_t{0} : 0;
  std::vector<std::uint64_t> keys(tasks.size());
  std::uint64_t differ = 0;
  for (TaskIndex i = 0; i < tasks.size(); ++i) {
    keys[i] = sort_key(tasks[i], i, texts, snapshot, state.sort) ^ flip;
    differ |= keys[i] ^ keys[0];
  }
  std::vector<TaskIndex> scratch(order.size());
  std::vector<std::uint32_t> counts(kRadix + 1);
  for (unsigned shift = 0; shift < 64; shift += kRadixBits) {
    if (((differ >> shift) & (kRadix - 1)) == 0) continue;
    std::fill(counts.begin(), counts.end(), 0);
    for (TaskIndex t : order) ++counts[((keys[t] >> shift) & (kRadix - 1)) + 1];
    for (std::size_t d = 1; d <= kRadix; ++d) counts[d] += counts[d - 1];
    for (TaskIndex t : order) scratch[counts[(keys[t] >> shift) & (kRadix - 1)]++] = t;
    order.swap(scratch);
  }
  return order;
}

std::vector<TaskIndex> filter_tasks(const model::Model& model, const TaskTexts& texts,
                                    const model::Snapshot& snapshot, const ViewState& state,
                                    const std::vector<TaskIndex>& sorted) {
  std::vector<TaskIndex> out;
  out.reserve(sorted.size());
  for (TaskIndex i : sorted) {
    if (i >= snapshot.tasks.size()) continue;
    const model::TaskState& s = snapshot.tasks[i];
    if (passes_state_filter(s, state.state_filter) &&
        matches_text(model, texts, i, s, state.filter))
      out.push_back(i);
  }
  return out;
}

}  // namespace coscope::tui
