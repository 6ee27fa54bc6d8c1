// What the drop-in coscope::co_spawn (co_spawn.hpp) tells the tracer beyond Asio's hooks.
#pragma once

#include <cstdint>
#include <string_view>

#include "coscope/format/records.hpp"
#include "coscope/tracer/recorder.hpp"

namespace coscope::asio_hooks {

// Describes the task that the next co_spawn on this thread creates: its coroutine's address
// (named in the trace), its spawn site, and that its completion will be reported exactly by
// body_finished() rather than inferred.
// With coroutine 0 the name is learnt at the task's first suspension.
void announce_spawn(std::uint64_t coroutine, const tracer::StaticLocation& where) noexcept;
// Drops an announcement no spawn consumed (a token that defers initiation).
void forget_announcement() noexcept;

// The running task starts its body, whose frame (`body`) names the task at its end: by then
// the task may be running where no hook saw it resume (a program's primitive that calls the
// task's handler itself, inside another task's resume).
void body_started(const void* body) noexcept;

// The task of `body` returned (status ok) or ended with an exception, which its completion
// token receives (exception) or drops (lost_exception, for `detached`).
void body_finished(const void* body, format::CompletionStatus status,
                   std::string_view exception_type, std::string_view message) noexcept;

// The task of `body` ended with the exception being handled now: records it (type, what(),
// where it was caught) and finishes the task with exception or, when `dropped` (the token
// ignores it, as `detached` does), lost_exception.
void body_failed(const void* body, bool dropped) noexcept;

// An awaitable's coroutine frame (the awaitable's only member).
inline const void* frame_of_awaitable(const void* awaitable) noexcept {
  return *static_cast<const void* const*>(awaitable);
}

// The resume function of an awaitable's coroutine (its frame is the awaitable's only member).
inline std::uint64_t coroutine_of_awaitable(const void* awaitable) noexcept {
  const void* frame = *static_cast<const void* const*>(awaitable);
  if (frame == nullptr) return 0;
  const void* coro = *static_cast<const void* const*>(frame);
  return coro == nullptr ? 0 : *static_cast<const std::uint64_t*>(coro);
}

}  // namespace coscope::asio_hooks
