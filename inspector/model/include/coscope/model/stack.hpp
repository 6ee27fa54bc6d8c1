// Async stack traces: the rows the inspector shows for "where is this task, and why".
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "coscope/model/source.hpp"
#include "coscope/model/types.hpp"

namespace coscope::model {

// Where a row of an async stack comes from. The order of a stack is always: the task's await
// site and its frames, its awaiters, then its spawn site and spawn stack; then the same for
// the parent task as of the child's spawn, and so on up to a root task.
enum class FrameRole : std::uint8_t {
  await_site,     // the operation the task awaits (or last awaited), with its source location
  frame,          // a physical frame captured at the await (innermost first)
  awaiter,        // a coroutine awaiting the one below it (named by its resume function)
  spawn_site,     // where the task was spawned (source location, no address)
  spawn_frame,    // a physical frame captured at the spawn
  spawn_awaiter,  // a coroutine awaiting at the spawn
  finding_frame,  // a frame of a finding's own stack (throw site, blocking call, sample)
  finding_awaiter,
};
// "await", "frame", "awaiter", "spawn", "spawn-frame", "spawn-awaiter", ...
const char* frame_role_name(FrameRole role);

struct AsyncFrame {
  FrameRole role = FrameRole::frame;
  TaskIndex task = kNoTask;   // the task this row belongs to
  std::uint64_t address = 0;  // 0 for site rows
  Symbol symbol;              // resolved address, innermost inline frame first; empty when unknown
  // Site rows: the operation (await sites) or task name (spawn sites) and the recorded place.
  std::string what;
  std::string file;
  std::uint32_t line = 0;
  std::string function;
  // An await site the task has left: it runs now, resumed from that suspension (the chain
  // below is as of then). Described as "resumed from", not "awaits".
  bool left = false;

  // One line of text: "session() at /src/server.cpp:42" or "0x401000 (unresolved)".
  std::string describe() const;
  // A physical frame (await, spawn or finding frame) whose source files, inlined frames
  // included, are all library headers or sources (/usr/include, /usr/lib, or std, Boost and
  // coscope headers wherever installed): code the user did not write, which front ends fold.
  // Sites and awaiters are what the user wrote and never are.
  bool in_library() const;
};

using AsyncStack = std::vector<AsyncFrame>;

}  // namespace coscope::model
