// The recording session's shared state: the registry of thread buffers (which outlives every
// session, since threads keep their buffer), the writer wake-up, and the cold-event box.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <vector>

#include "coscope/format/records.hpp"
#include "coscope/tracer/recorder.hpp"
#include "thread_buffer.hpp"

namespace coscope::tracer::detail {

// What a cold record points to; the writer deletes it after encoding (or dropping) it.
struct ColdEvent {
  format::Record record;
  bool has_stack = false;
  RawStack stack;  // also set without has_stack when `keep` wants it
  // A check whose verdict needs more than the program's thread should spend (symbols, say)
  // leaves it to the writer: the record is written only when keep(keep_arg, stack) is true.
  bool (*keep)(const char* keep_arg, const RawStack& stack) noexcept = nullptr;
  const char* keep_arg = nullptr;
};

// As tracer::emit(), the record written only if the writer's keep(keep_arg, stack) says so;
// `stack` is written with the record when `with_stack`.
void emit_unless_dropped(format::Record record, const RawStack& stack, bool with_stack,
                         bool (*keep)(const char*, const RawStack&) noexcept,
                         const char* keep_arg) noexcept;

// The next task id (record_api.cpp); ids below its value at a session's start belong to
// tasks spawned before it.
extern std::atomic<std::uint64_t> g_next_task;

// Every buffer ever registered. Leaked on purpose: it must outlive static destruction.
// ThreadBuffers are created and destroyed with its mutex held.
struct BufferRegistry {
  std::mutex mutex;
  std::vector<ThreadBuffer*> buffers;
  std::size_t words_per_buffer = (4096u * 1024u) / 8u;  // replaced by start()
  // Rings of buffers already freed, populated, for the next threads (thread_buffer.cpp).
  struct SpareRing {
    std::uint64_t* words;
    std::size_t bytes;
  };
  std::vector<SpareRing> spare_rings;
};
BufferRegistry& registry();

// thread_buffer() (thread_buffer.hpp): the calling thread's buffer, registered on first use.

// Wakes the writer early (when a buffer passes a quarter full, or at stop).
struct WriterSignal {
  std::mutex mutex;
  std::condition_variable cv;
};
WriterSignal& writer_signal();

// Functions run on the stopping thread before the final drain (integrations record their
// tasks still alive as lost).
using StopHook = void (*)();
void add_stop_hook(StopHook hook);

// fork() while tracing (fork.cpp). The session's locks are held across the fork, so that the
// child finds them free and what they guard whole. The child has only the forking thread: the
// writer is gone, so the child abandons the session (never joined, its trace file closed in
// the child only) and its rings' contents, and tracing is off there.
void lock_session_for_fork() noexcept;
void unlock_session_after_fork() noexcept;
void abandon_session_in_child() noexcept;

// For the crash handler (crash/flight_recorder.cpp), async-signal-safe: asks the writer thread
// to write everything and close the trace as at stop (false when there is no session or the
// caller is the writer thread), and tells when it has.
bool request_final_write() noexcept;
bool final_write_done() noexcept;

}  // namespace coscope::tracer::detail
