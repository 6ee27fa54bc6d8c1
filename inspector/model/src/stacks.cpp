// Async stacks: await site and its frames, then spawn site and its frames, then the parent's
// as of the spawn, up to a root task. Return addresses (every physical frame but the
// innermost) are looked up one byte earlier, inside the call instruction, so the line shown
// is the call's and not the next statement's.
#include <string>

#include "coscope/model/model.hpp"
#include "model_data.hpp"

namespace coscope::model {
namespace {

// Bounds the parent walk on any input.
constexpr int kMaxDepth = 256;

// Headers and sources of the system's libraries, and of std, Boost and coscope installed
// anywhere (a Boost or a compiler under /opt, a package manager's cache). Not all of /usr/:
// sources under /usr/src or /usr/share (Boost's own examples) are somebody's program.
bool library_source(const std::string& file) {
  for (const char* prefix : {"/usr/include/", "/usr/local/include/", "/usr/lib/", "/usr/lib64/"})
    if (file.rfind(prefix, 0) == 0) return true;
  for (const char* part : {"/include/c++/", "/include/boost/", "/include/coscope/"})
    if (file.find(part) != std::string::npos) return true;
  return false;
}

}  // namespace

const char* frame_role_name(FrameRole role) {
  switch (role) {
    case FrameRole::await_site:
      return "await";
    case FrameRole::frame:
      return "frame";
    case FrameRole::awaiter:
      return "awaiter";
    case FrameRole::spawn_site:
      return "spawn";
    case FrameRole::spawn_frame:
      return "spawn-frame";
    case FrameRole::spawn_awaiter:
      return "spawn-awaiter";
    case FrameRole::finding_frame:
      return "finding-frame";
    case FrameRole::finding_awaiter:
      return "finding-awaiter";
  }
  return "?";
}

bool AsyncFrame::in_library() const {
  if (role != FrameRole::frame && role != FrameRole::spawn_frame &&
      role != FrameRole::finding_frame)
    return false;
  // Every frame of the inline chain: a user's function with std::this_thread::sleep_for
  // inlined into it is the user's frame, though its innermost line is in a library header.
  // The tracer's own headers (the Asio hooks, the drop-in co_spawn), from a build tree or an
  // install, count as library code too: the user did not write them.
  if (symbol.empty()) return false;
  for (const ResolvedFrame& f : symbol)
    if (!library_source(f.file)) return false;
  return true;
}

std::string AsyncFrame::describe() const {
  std::string s;
  if (address == 0) {
    // A site row: "awaits socket.async_receive at server.cpp:42 in session()".
    s = role != FrameRole::await_site ? "spawned " : left ? "resumed from " : "awaits ";
    s += what.empty() ? std::string("(unknown)") : what;
    if (!file.empty()) s += " at " + file + ":" + std::to_string(line);
    if (!function.empty()) s += " in " + function;
    return s;
  }
  if (role == FrameRole::awaiter || role == FrameRole::spawn_awaiter ||
      role == FrameRole::finding_awaiter)
    s = "awaited by ";
  if (symbol.empty()) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(address));
    return s + buf + " (unresolved)";
  }
  for (std::size_t i = 0; i < symbol.size(); ++i) {
    const ResolvedFrame& f = symbol[i];
    if (i > 0) s += " <- inlined into ";
    s += f.function.empty() ? std::string("??") : f.function;
    if (!f.file.empty()) s += " at " + f.file + ":" + std::to_string(f.line);
  }
  return s;
}

namespace {

class StackBuilder {
 public:
  StackBuilder(const Model& model, detail::Symbolizer& symbols, AsyncStack& out)
      : m_(model), symbols_(symbols), out_(out) {}

  void site_row(FrameRole role, TaskIndex task, std::string what, format::LocationId loc) {
    AsyncFrame f;
    f.role = role;
    f.task = task;
    f.what = std::move(what);
    const SourceLocation l = m_.location(loc);
    f.file = std::string(l.file);
    f.line = l.line;
    f.function = std::string(l.function);
    out_.push_back(std::move(f));
  }

  void stack_rows(format::StackId id, TaskIndex task, FrameRole frame, FrameRole awaiter) {
    if (id == 0) return;
    const format::StackDef& s = m_.stack(id);
    for (std::size_t i = 0; i < s.frames.size(); ++i) address_row(frame, task, s.frames[i], i > 0);
    for (std::uint64_t a : s.awaiters) address_row(awaiter, task, a, false);
  }

  // The spawn part of `task`, then its ancestors.
  void spawn_chain(TaskIndex task) {
    for (int depth = 0; task != kNoTask && depth < kMaxDepth; ++depth) {
      const Task& t = m_.tasks()[task];
      site_row(FrameRole::spawn_site, task, task_label(t), t.spawn_location);
      stack_rows(t.spawn_stack, task, FrameRole::spawn_frame, FrameRole::spawn_awaiter);
      if (t.parent == kNoTask) break;
      const AwaitSite& ps = m_.site(t.parent_site_at_spawn);
      if (t.parent_site_at_spawn != 0) {
        site_row(FrameRole::await_site, t.parent, std::string(ps.operation), ps.location);
        stack_rows(ps.stack, t.parent, FrameRole::frame, FrameRole::awaiter);
      }
      task = t.parent;
    }
  }

 private:
  static std::string task_label(const Task& t) {
    return "task " + std::to_string(t.id) +
           (t.name.empty() ? "" : " (" + std::string(t.name) + ")");
  }

  void address_row(FrameRole role, TaskIndex task, std::uint64_t address, bool return_address) {
    AsyncFrame f;
    f.role = role;
    f.task = task;
    f.address = address;
    f.symbol = symbols_.resolve(address, return_address);
    out_.push_back(std::move(f));
  }

  const Model& m_;
  detail::Symbolizer& symbols_;
  AsyncStack& out_;
};

}  // namespace

AsyncStack Model::async_stack(TaskIndex task, const TaskState& state) const {
  AsyncStack out;
  if (task >= data_->tasks.size()) return out;
  StackBuilder b(*this, *data_->symbolizer, out);
  // A finished task awaits nothing: its last site is history. (A running one keeps its last
  // site: the chain it runs in, as of its last suspension.)
  if (state.site != 0 && state.phase != Phase::done && state.phase != Phase::failed) {
    const AwaitSite& s = site(state.site);
    b.site_row(FrameRole::await_site, task, std::string(s.operation), s.location);
    out.back().left = state.phase == Phase::running;
    b.stack_rows(s.stack, task, FrameRole::frame, FrameRole::awaiter);
  }
  b.spawn_chain(task);
  return out;
}

AsyncStack Model::async_stack_at(TaskIndex task, Time t) const {
  return async_stack(task, task_state_at(task, t));
}

AsyncStack Model::finding_stack(const Finding& finding) const {
  AsyncStack out;
  StackBuilder b(*this, *data_->symbolizer, out);
  b.stack_rows(finding.stack, finding.task, FrameRole::finding_frame, FrameRole::finding_awaiter);
  if (finding.task != kNoTask && finding.task < data_->tasks.size()) {
    if (finding.stack == 0) {
      // No stack of its own (e.g. never-completed): where the task was at that moment.
      return async_stack_at(finding.task, finding.time);
    }
    b.spawn_chain(finding.task);
  }
  return out;
}

}  // namespace coscope::model
