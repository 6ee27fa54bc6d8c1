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

// The running task's coroutine returned (status ok) or ended with an exception, which its
// completion token receives (exception) or drops (lost_exception, for `detached`).
void body_finished(format::CompletionStatus status, std::string_view exception_type,
                   std::string_view message) noexcept;

// The running task's body ended with the exception being handled now: records it (type,
// what(), where it was caught) and finishes the task with exception or, when `dropped`
// (the token ignores it, as `detached` does), lost_exception.
void body_failed(bool dropped) noexcept;

// The resume function of an awaitable's coroutine (its frame is the awaitable's only member).
inline std::uint64_t coroutine_of_awaitable(const void* awaitable) noexcept {
  const void* frame = *static_cast<const void* const*>(awaitable);
  if (frame == nullptr) return 0;
  const void* coro = *static_cast<const void* const*>(frame);
  return coro == nullptr ? 0 : *static_cast<const std::uint64_t*>(coro);
}

}  // namespace coscope::asio_hooks
