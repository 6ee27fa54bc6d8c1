#include "asio_frames.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include "asio_tasks.hpp"

namespace coscope::asio_hooks {
namespace {

// The explicit-instantiation access technique: an explicit instantiation may name private
// members, and the friend function it defines hands the member pointer out.
template <typename Tag, typename Tag::type Member>
struct Expose {
  friend typename Tag::type member(Tag) { return Member; }
};

using Executor = boost::asio::any_io_executor;
using FrameBase = boost::asio::detail::awaitable_frame_base<Executor>;
using EntryFrame =
    boost::asio::detail::awaitable_frame<boost::asio::detail::awaitable_thread_entry_point,
                                         Executor>;

struct CoroTag {
  using type = boost::asio::detail::coroutine_handle<void> FrameBase::*;
  friend type member(CoroTag);
};
struct AttachedTag {
  using type = boost::asio::detail::awaitable_thread<Executor>* FrameBase::*;
  friend type member(AttachedTag);
};
struct CallerTag {
  using type = FrameBase* FrameBase::*;
  friend type member(CallerTag);
};
struct TopTag {
  using type = FrameBase* EntryFrame::*;
  friend type member(TopTag);
};
template struct Expose<CoroTag, &FrameBase::coro_>;
template struct Expose<AttachedTag, &FrameBase::attached_thread_>;
template struct Expose<CallerTag, &FrameBase::caller_>;
template struct Expose<TopTag, &EntryFrame::top_of_stack_>;

template <typename Object, typename Pointer>
std::size_t offset(const Object& object, Pointer member_pointer) {
  return static_cast<std::size_t>(reinterpret_cast<const char*>(&(object.*member_pointer)) -
                                  reinterpret_cast<const char*>(&object));
}

bool check_layout() {
  alignas(EntryFrame) static unsigned char storage[sizeof(EntryFrame)];
  const auto& entry = *reinterpret_cast<const EntryFrame*>(storage);
  const FrameBase& base = entry;
  return sizeof(FrameBase) == kFrameBaseSize && offset(base, member(CoroTag{})) == kCoroOffset &&
         offset(base, member(AttachedTag{})) == kAttachedThreadOffset &&
         offset(base, member(CallerTag{})) == kCallerOffset &&
         offset(entry, member(TopTag{})) == top_of_stack_offset<Executor>() &&
         static_cast<const void*>(&base) == static_cast<const void*>(&entry);
}

}  // namespace

bool frame_layout_ok() noexcept {
  static const bool ok = check_layout();
  return ok;
}

void walk_awaiters(const void* frame, tracer::RawStack& stack) noexcept {
  unsigned n = 0;
  for (; frame != nullptr && n < tracer::RawStack::kMaxAwaiters; frame = caller_of(frame)) {
    std::uint64_t fn = resume_function_of(frame);
    if (fn == 0) break;
    stack.awaiter[n++] = fn;
  }
  stack.awaiters = static_cast<std::uint8_t>(n);
}

std::uint64_t task_coroutine(const void* frame, int depth) noexcept {
  // Only the last depth + 1 frames of the chain are kept (a 32 KiB array for the whole chain
  // sat on the stack of every hook that names a task).
  constexpr int kKept = 4;
  if (depth < 0 || depth >= kKept) return 0;
  const void* last[kKept] = {};
  int n = 0;
  for (; frame != nullptr && n < 4096; frame = caller_of(frame)) last[n++ % kKept] = frame;
  // Frame n - 1 is the entry frame.
  return n - 1 - depth < 0 ? 0 : resume_function_of(last[(n - 1 - depth) % kKept]);
}

void walk_task(const void* task, tracer::RawStack& stack) {
  const auto* t = static_cast<const Task*>(task);
  stack.awaiters = 0;
  // Suspended on a program's own primitive, the task may have been resumed and run to its
  // end through no hook (the drop-in co_spawn would have reported that end): its frames may
  // be gone.
  if (t->top_of_stack == nullptr || t->frames_unverified.load(std::memory_order_relaxed) ||
      (t->waits_untracked.load() && !t->exact) || !frame_layout_ok() || frames_elsewhere(t))
    return;
  walk_awaiters(t->top_of_stack(t->entry_frame), stack);
}

}  // namespace coscope::asio_hooks
