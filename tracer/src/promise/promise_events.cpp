// The recording side of coscope::traced_promise (include/coscope/promise.hpp): what each
// boundary of a traced coroutine writes into the trace, and the walk of its frame chain.
#include "coscope/promise.hpp"

#include <cstring>

namespace coscope::promise_detail {
namespace {

std::uint64_t resume_function(const void* frame) {
  std::uint64_t fn = 0;
  if (frame != nullptr) std::memcpy(&fn, frame, sizeof fn);
  return fn;
}

void push(TaskState& state) {
  tracer::push_running({state.id, &walk, &state});
}

}  // namespace

void walk(const void* state, tracer::RawStack& stack) {
  stack.awaiters = 0;
  const auto* s = static_cast<const TaskState*>(state);
  for (const Frame* f = s->innermost;
       f != nullptr && stack.awaiters < tracer::RawStack::kMaxAwaiters; f = f->awaiter) {
    std::uint64_t fn = resume_function(f->address);
    if (fn != 0) stack.awaiter[stack.awaiters++] = fn;
  }
}

void capture_spawn(std::uint64_t* frames, std::uint8_t& count) noexcept {
  tracer::RawStack stack;
  tracer::capture_frames(stack, 2);  // this function and the promise's constructor
  count = static_cast<std::uint8_t>(stack.frames < kSpawnFrames ? stack.frames : kSpawnFrames);
  for (int i = 0; i < count; ++i) frames[i] = stack.frame[i];
}

void record_root_start(TaskState& state, const Frame& frame, tracer::TaskId parent,
                       const std::uint64_t* frames, std::uint8_t count) noexcept {
  state.id = tracer::new_task_id();
  state.innermost = &frame;
  if (!tracer::active()) return;
  tracer::RawStack stack;
  stack.frames = count;
  for (int i = 0; i < count; ++i) stack.frame[i] = frames[i];
  tracer::capture_awaiters(stack);  // the creating task's chain, as for an Asio spawn
  bool with_stack = tracer::stack_mode() != StackMode::off;
  tracer::record_spawn(state.id, parent, resume_function(frame.address), {},
                       with_stack ? &stack : nullptr);
  tracer::record_resume(state.id);
  push(state);
}

void record_suspend(TaskState& state, const Frame& frame, const char* operation,
                    const std::source_location& where) noexcept {
  state.innermost = &frame;
  if (!tracer::active()) return;
  tracer::RawStack stack;
  stack.frames = 0;
  StackMode mode = tracer::stack_mode();
  if (mode >= StackMode::suspend) tracer::capture_frames(stack, 1);
  walk(&state, stack);
  tracer::record_suspend(state.id, nullptr, operation,
                         {where.file_name(), where.function_name(), where.line()},
                         mode == StackMode::off ? nullptr : &stack);
  // Before the awaiter gets the handle: another thread may resume the coroutine at once.
  if (tracer::pop_running(state.id)) tracer::record_resume_end(state.id);
}

void record_continue(TaskState& state, const Frame& frame) noexcept {
  state.innermost = &frame;
  if (!tracer::active() || tracer::is_running_here(state.id)) return;
  tracer::record_wake(state.id);
  tracer::record_resume(state.id);
  push(state);
}

PromiseBase::~PromiseBase() {
  if (t_last_created == this) t_last_created = nullptr;
  if (!started_ || finished_ || !root()) return;
  // Destroyed before its end (its owner dropped it while suspended): cancelled.
  if (tracer::pop_running(own_.id)) tracer::record_resume_end(own_.id);
  tracer::record_complete(own_.id, format::CompletionStatus::cancelled);
}

void PromiseBase::finish() noexcept {
  if (finished_ || !started_) return;
  finished_ = true;
  if (!root()) {
    if (frame_.state != nullptr) frame_.state->innermost = frame_.awaiter;
    return;
  }
  if (tracer::pop_running(own_.id)) tracer::record_resume_end(own_.id);
  tracer::record_complete(
      own_.id, own_.failed ? format::CompletionStatus::exception : format::CompletionStatus::ok);
}

}  // namespace coscope::promise_detail
