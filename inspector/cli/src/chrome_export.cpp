// Chrome trace-event JSON (the format chrome://tracing and ui.perfetto.dev read):
// - one async track per task (category "task", id = task id): a slice for its whole life
//   with nested slices for each scheduled / running / suspended stretch;
// - thread tracks with a complete ("X") slice per resume;
// - flow arrows spawn -> first resume and wake -> resume (s/f with "bp":"e");
// - instant events for findings and logs, with their details as args.
// Timestamps are microseconds with three decimals (so nanoseconds survive exactly).
//
// The hot events (task slices, resumes, flows: several per trace event) are written field by
// field into a buffer; only their strings go through nlohmann-json (escaping, cached per
// distinct name). The rare ones (metadata, findings, logs) are nlohmann objects.
#include <charconv>
#include <ostream>
#include <string>
#include <unordered_map>
#include <vector>

#include "coscope/inspect/export.hpp"
#include "json_output.hpp"

namespace coscope::inspect {
namespace {

// Writes the traceEvents array: one event per line, flushed to the stream in large pieces.
class Writer {
 public:
  explicit Writer(std::ostream& out) : out_(out) {
    buf_.reserve(kFlushBytes + 4096);
    buf_ += "{\"traceEvents\":[\n";
  }
  ~Writer() { flush(); }

  void add(const Json& j) {
    separate();
    buf_ += j.dump();
    maybe_flush();
  }

  // A hot event: open() writes "ph" and "cat", the fields follow, close() ends it.
  Writer& open(const char* ph, const char* cat) {
    separate();
    buf_ += "{\"ph\":\"";
    buf_ += ph;
    buf_ += "\",\"cat\":\"";
    buf_ += cat;
    buf_ += '"';
    comma_ = true;
    return *this;
  }
  // `json` is already JSON text (a number, or a string escaped by nlohmann-json).
  Writer& raw(const char* key, std::string_view json) {
    buf_ += comma_ ? ",\"" : "\"";
    buf_ += key;
    buf_ += "\":";
    buf_ += json;
    comma_ = true;
    return *this;
  }
  Writer& num(const char* key, std::uint64_t v) {
    char s[24];
    return raw(key, std::string_view(
                        s, static_cast<std::size_t>(std::to_chars(s, s + sizeof s, v).ptr - s)));
  }
  // Nanoseconds as microseconds: "1234.567", exactly.
  Writer& us(const char* key, model::Time ns) {
    char s[32];
    char* p = std::to_chars(s, s + sizeof s, ns / 1000).ptr;
    if (const unsigned frac = static_cast<unsigned>(ns % 1000)) {
      *p++ = '.';
      *p++ = static_cast<char>('0' + frac / 100);
      *p++ = static_cast<char>('0' + frac / 10 % 10);
      *p++ = static_cast<char>('0' + frac % 10);
    }
    return raw(key, std::string_view(s, static_cast<std::size_t>(p - s)));
  }
  Writer& begin_args() {
    buf_ += ",\"args\":{";
    comma_ = false;
    return *this;
  }
  Writer& end_args() {
    buf_ += '}';
    return *this;
  }
  void close() {
    buf_ += '}';
    maybe_flush();
  }

  void finish(const Json& other) {
    buf_ += "\n],\"displayTimeUnit\":\"ns\",\"otherData\":";
    buf_ += other.dump();
    buf_ += "}\n";
    flush();
  }

 private:
  static constexpr std::size_t kFlushBytes = 1 << 20;
  void separate() {
    if (!first_) buf_ += ",\n";
    first_ = false;
  }
  void maybe_flush() {
    if (buf_.size() >= kFlushBytes) flush();
  }
  void flush() {
    out_.write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
    buf_.clear();
  }

  std::ostream& out_;
  std::string buf_;
  bool first_ = true;
  bool comma_ = false;  // a field precedes: the next one needs a comma
};

// JSON text of strings the hot events repeat (task names, phase names), escaped once.
class Names {
 public:
  explicit Names(const model::Model& m) : m_(m) {}

  // "task 12: session" as a JSON string.
  const std::string& task(model::TaskIndex t) {
    const model::Task& k = m_.tasks()[t];
    std::string& s = task_;
    s = "\"task ";
    s += std::to_string(k.id);
    if (!k.name.empty()) {
      const std::string& name = escaped(k.name);
      s += ": ";
      s.append(name, 1, name.size() - 1);  // without the opening quote
    } else {
      s += '"';
    }
    return s;
  }
  // A constant as a JSON string.
  const std::string& literal(const char* text) {
    auto [it, added] = literals_.try_emplace(text);
    if (added) it->second = Json(text).dump();
    return it->second;
  }
  // "suspended: socket.async_receive" / "running" as a JSON string.
  const std::string& phase(const model::PhaseInterval& iv) {
    if (iv.phase != model::Phase::suspended) {
      std::string& s = plain_phase_[static_cast<std::size_t>(iv.phase)];
      if (s.empty()) s = Json(model::phase_name(iv.phase)).dump();
      return s;
    }
    if (iv.site >= suspended_.size()) suspended_.resize(iv.site + 1);
    std::string& s = suspended_[iv.site];
    if (s.empty()) {
      std::string name = model::phase_name(iv.phase);
      if (!m_.site(iv.site).operation.empty())
        name += ": " + std::string(m_.site(iv.site).operation);
      s = Json(name).dump();
    }
    return s;
  }

 private:
  // Task names are views into the model's string table: one escape per distinct text.
  const std::string& escaped(std::string_view name) {
    auto [it, added] = names_.try_emplace(name);
    if (added) it->second = Json(std::string(name)).dump();
    return it->second;
  }

  const model::Model& m_;
  std::unordered_map<std::string_view, std::string> names_;
  std::string plain_phase_[model::kPhaseCount];
  std::vector<std::string> suspended_;
  std::unordered_map<const char*, std::string> literals_;
  std::string task_;
};

}  // namespace

void export_chrome(const model::Model& m, std::ostream& out) {
  const std::uint32_t pid = m.header().pid ? m.header().pid : 1;
  std::vector<std::uint32_t> tids;
  for (const model::ThreadInfo& th : m.threads()) tids.push_back(th.os_id);
  auto tid = [&](model::ThreadIndex t) -> std::uint32_t { return t < tids.size() ? tids[t] : 0; };
  auto task_id = [&](model::TaskIndex t) { return m.tasks()[t].id; };
  Writer w(out);
  Names names(m);
  w.add(Json{
      {"ph", "M"},
      {"name", "process_name"},
      {"pid", pid},
      {"tid", 0},
      {"args", {{"name", m.header().program.empty() ? "traced program" : m.header().program}}}});
  for (const model::ThreadInfo& th : m.threads())
    w.add(Json{{"ph", "M"},
               {"name", "thread_name"},
               {"pid", pid},
               {"tid", th.os_id},
               {"args",
                {{"name", th.name.empty() ? "thread " + std::to_string(th.os_id)
                                          : std::string(th.name)}}}});

  // Task tracks: the lifetime slice encloses the phase slices (nestable async events).
  std::string id;  // the task id as a JSON string (async ids are strings)
  auto set_id = [&](model::TaskIndex t) {
    id = '"' + std::to_string(task_id(t)) + '"';
    return std::string_view(id);
  };
  for (model::TaskIndex t = 0; t < m.tasks().size(); ++t) {
    const model::Task& k = m.tasks()[t];
    if (k.first_event == model::kNoEvent) continue;
    w.open("b", "task").raw("id", set_id(t)).raw("name", names.task(t)).num("pid", pid);
    w.num("tid", 0).us("ts", k.spawned).begin_args().num("task", k.id);
    w.num("parent", k.parent == model::kNoTask ? 0 : task_id(k.parent)).end_args().close();
  }
  m.for_each_interval([&](model::TaskIndex t, const model::PhaseInterval& iv) {
    if (iv.phase == model::Phase::done || iv.phase == model::Phase::failed) return;
    const std::string& phase = names.phase(iv);
    set_id(t);
    w.open("b", "task").raw("id", id).raw("name", phase).num("pid", pid).num("tid", 0);
    w.us("ts", iv.from).close();
    w.open("e", "task").raw("id", id).raw("name", phase).num("pid", pid).num("tid", 0);
    w.us("ts", iv.to).close();
    if (iv.phase == model::Phase::running) {
      w.open("X", "resume").raw("name", names.task(t)).num("pid", pid).num("tid", tid(iv.thread));
      w.us("ts", iv.from).us("dur", iv.to - iv.from);
      w.begin_args().num("task", task_id(t)).end_args().close();
    }
  });

  // Flows into each resume from what made the task runnable (its spawn or its wake).
  struct Cause {
    model::Time time = 0;
    model::ThreadIndex thread = model::kNoThread;
    model::EventKind kind = model::EventKind::resume;  // resume: none pending
  };
  std::vector<Cause> cause(m.tasks().size());
  std::uint64_t flow = 0;
  m.for_each_event(
      0, static_cast<model::EventIndex>(m.event_count()),
      [&](model::EventIndex, const model::Event& e) {
        if (e.task == model::kNoTask) return;
        Cause& c = cause[e.task];
        if (e.kind == model::EventKind::spawn || e.kind == model::EventKind::wake) {
          c = Cause{e.time, e.thread, e.kind};
        } else if (e.kind == model::EventKind::resume && c.kind != model::EventKind::resume) {
          const char* name = c.kind == model::EventKind::spawn ? "\"spawn\"" : "\"wake\"";
          ++flow;
          w.open("s", "flow").num("id", flow).raw("name", name).num("pid", pid);
          w.num("tid", tid(c.thread)).us("ts", c.time).close();
          w.open("f", "flow").raw("bp", "\"e\"").num("id", flow).raw("name", name);
          w.num("pid", pid).num("tid", tid(e.thread)).us("ts", e.time).close();
          c.kind = model::EventKind::resume;
        }
      });

  for (const model::Finding& f : m.findings()) {
    Json args = finding_json(m, f, false);
    w.add(Json{{"ph", "i"},
               {"cat", "finding"},
               {"name", model::finding_kind_name(f.kind)},
               {"s", f.thread < m.threads().size() ? "t" : "g"},
               {"pid", pid},
               {"tid", tid(f.thread)},
               {"ts", double(f.time) / 1000.0},
               {"args", std::move(args)}});
  }
  for (const model::LogEntry& l : m.logs())
    w.add(Json{{"ph", "i"},
               {"cat", "log"},
               {"name", "log: " + l.text.substr(0, 60)},
               {"s", "t"},
               {"pid", pid},
               {"tid", tid(l.thread)},
               {"ts", double(l.time) / 1000.0},
               {"args",
                {{"level", model::log_level_name(l.level)},
                 {"logger", l.logger},
                 {"text", l.text},
                 {"task", l.task == model::kNoTask ? 0 : task_id(l.task)}}}});
  // Lifetime ends last, so that at equal timestamps they close after the phase inside them.
  for (model::TaskIndex t = 0; t < m.tasks().size(); ++t) {
    const model::Task& k = m.tasks()[t];
    if (k.first_event == model::kNoEvent) continue;
    const char* completion = k.ended ? model::completion_name(k.status) : "never";
    w.open("e", "task").raw("id", set_id(t)).raw("name", names.task(t)).num("pid", pid);
    w.num("tid", 0).us("ts", k.ended ? *k.ended : m.end());
    w.begin_args().raw("completion", names.literal(completion)).end_args().close();
  }
  w.finish(Json{{"source", "coscope-inspect"},
                {"pid", m.header().pid},
                {"start_wall_ns", m.header().start_wall_ns},
                {"dropped_events", m.dropped_events()}});
}

}  // namespace coscope::inspect
