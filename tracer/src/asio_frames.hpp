// Walks of Asio's awaitable frames (layout in coscope/asio/hooks.hpp): from the suspending
// coroutine through caller_ to the task's entry frame (co_spawn_entry_point).
#pragma once

#include <cstdint>

#include "coscope/asio/hooks.hpp"

namespace coscope::asio_hooks {

// A coroutine that runs has its awaitable thread attached to its top frame; Asio detaches it
// when the coroutine suspends on an operation (awaitable_frame_base::detach_thread).
inline bool thread_attached(const void* frame) {
  return *reinterpret_cast<const void* const*>(static_cast<const char*>(frame) +
                                               kAttachedThreadOffset) != nullptr;
}

inline const void* caller_of(const void* frame) {
  return *reinterpret_cast<const void* const*>(static_cast<const char*>(frame) + kCallerOffset);
}

// The resume function of the frame's coroutine: its first word, in g++ and clang alike.
inline std::uint64_t resume_function_of(const void* frame) {
  const void* coro =
      *reinterpret_cast<const void* const*>(static_cast<const char*>(frame) + kCoroOffset);
  return coro == nullptr ? 0 : *static_cast<const std::uint64_t*>(coro);
}

inline const void* entry_of(const void* frame) {
  for (int depth = 0; depth < 4096; ++depth) {
    const void* caller = caller_of(frame);
    if (caller == nullptr) return frame;
    frame = caller;
  }
  return nullptr;  // a cycle or garbage: treat as unknown
}

// Fills stack.awaiter from `frame` outwards (the entry frame included).
void walk_awaiters(const void* frame, tracer::RawStack& stack) noexcept;
// The coroutine `depth` frames inside the entry frame, 0 when the chain is shorter.
std::uint64_t task_coroutine(const void* frame, int depth) noexcept;
// tracer::AwaiterWalker for a running Task (context is the Task*).
void walk_task(const void* task, tracer::RawStack& stack);

// `t` runs on this thread only as the thread that suspended it awaiting its children, still
// starting them: another thread may run it already, and its frames are that thread's to read.
// Defined in asio_hooks.cpp (its scopes say so).
bool frames_elsewhere(const Task* t) noexcept;

// False when this Boost's awaitable frames do not have the layout the walks assume (checked
// once against the real members); the tracer then records no awaiter chains.
bool frame_layout_ok() noexcept;

}  // namespace coscope::asio_hooks
