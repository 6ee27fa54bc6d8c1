// Model construction and plain accessors.
#include "coscope/model/model.hpp"

#include "build_index.hpp"
#include "loader.hpp"
#include "model_data.hpp"

namespace coscope::model {
namespace {

format::Result<std::unique_ptr<ModelData>> build(format::TraceReader& reader, std::string path,
                                                 const LoadOptions& options) {
  auto data = std::make_unique<ModelData>();
  data->path = std::move(path);
  data->header = reader.header();
  format::Result<detail::Loaded> loaded = detail::read_trace(reader, *data, options);
  if (!loaded) return loaded.error();
  detail::build_index(*data, loaded.value(), options);
  return data;
}

}  // namespace

Model::Model(std::unique_ptr<ModelData> data) : data_(std::move(data)) {}
Model::Model(Model&&) noexcept = default;
Model& Model::operator=(Model&&) noexcept = default;
Model::~Model() = default;

format::Result<Model> Model::load(const std::string& path, const LoadOptions& options) {
  format::Result<format::TraceReader> reader = format::TraceReader::open(path);
  if (!reader) return reader.error();
  auto data = build(reader.value(), path, options);
  if (!data) return data.error();
  return Model(std::move(data.value()));
}

format::Result<Model> Model::load_memory(const unsigned char* data, std::size_t size,
                                         const LoadOptions& options) {
  format::Result<format::TraceReader> reader = format::TraceReader::open_memory(data, size);
  if (!reader) return reader.error();
  auto built = build(reader.value(), "", options);
  if (!built) return built.error();
  return Model(std::move(built.value()));
}

const std::string& Model::path() const {
  return data_->path;
}
const format::FileHeader& Model::header() const {
  return data_->header;
}
const std::vector<format::Damage>& Model::damage() const {
  return data_->damage;
}
std::uint64_t Model::file_size() const {
  return data_->file_size;
}
std::uint64_t Model::dropped_events() const {
  return data_->dropped;
}

MemoryUsage Model::memory() const {
  const ModelData& d = *data_;
  MemoryUsage m;
  m.events = d.events.bytes();
  m.keyframes = d.keyframes.capacity() * sizeof(detail::Keyframe) +
                d.keyframe_entries.capacity() * sizeof(detail::KeyframeEntry);
  m.tasks = d.tasks.capacity() * (sizeof(Task) + sizeof(TaskState) + sizeof(EventIndex));
  m.tasks += d.children.capacity() * sizeof(TaskIndex);
  m.other = d.findings.capacity() * sizeof(Finding) + d.logs.capacity() * sizeof(LogEntry) +
            d.sites.capacity() * sizeof(AwaitSite) +
            (d.activity.running.size() + d.activity.scheduled.size()) * sizeof(double);
  for (const std::string& s : d.finding_messages) m.other += sizeof s + s.capacity();
  for (const auto& [id, s] : d.strings) m.other += s.capacity() + 48;
  for (const auto& [id, s] : d.stacks)
    m.other += (s.frames.capacity() + s.awaiters.capacity()) * 8 + 80;
  return m;
}

Time Model::start() const {
  return data_->start;
}
Time Model::end() const {
  return data_->end;
}

const std::vector<Task>& Model::tasks() const {
  return data_->tasks;
}

std::optional<TaskIndex> Model::find_task(format::TaskId id) const {
  return data_->task_by_id.find(id);
}

const std::vector<TaskIndex>& Model::roots() const {
  return data_->roots;
}
const std::vector<ThreadInfo>& Model::threads() const {
  return data_->threads;
}
std::size_t Model::event_count() const {
  return data_->events.size();
}
Event Model::event(EventIndex index) const {
  return data_->events.get(index);
}
EventIndex Model::events_until(Time t) const {
  return data_->events.upper_bound(t);
}

const std::vector<Finding>& Model::findings() const {
  return data_->findings;
}
const std::vector<LogEntry>& Model::logs() const {
  return data_->logs;
}
const std::vector<AnnotationEntry>& Model::annotations() const {
  return data_->annotations;
}

std::string_view Model::string(format::StringId id) const {
  return data_->string(id);
}

SourceLocation Model::location(format::LocationId id) const {
  auto it = data_->locations.find(id);
  if (it == data_->locations.end()) return {};
  const format::LocationDef& l = it->second;
  return SourceLocation{data_->string(l.file), l.line, l.column, data_->string(l.function)};
}

const AwaitSite& Model::site(SiteIndex index) const {
  return index < data_->sites.size() ? data_->sites[index] : data_->sites[0];
}

const format::StackDef& Model::stack(format::StackId id) const {
  static const format::StackDef kEmpty;
  auto it = data_->stacks.find(id);
  return it == data_->stacks.end() ? kEmpty : it->second;
}

const Symbol& Model::symbolize(std::uint64_t address) const {
  return data_->symbolizer->resolve(address);
}

const std::vector<format::ModuleDef>& Model::modules() const {
  return data_->modules;
}

}  // namespace coscope::model
