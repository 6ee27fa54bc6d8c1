// The functions behind Asio's handler-tracking macros (see tracking.hpp). This header is
// included from inside Asio's own headers, before most of Asio is declared, so it includes no
// Asio header; anything Asio-typed is a template resolved where Asio instantiates it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "coscope/tracer/recorder.hpp"

namespace boost::asio::detail {
template <typename Executor>
class awaitable_frame_base;
class executor_function;
template <typename Handler, typename Alloc, typename Operation>
class executor_op;
}  // namespace boost::asio::detail

namespace coscope::asio_hooks {

struct Task;  // the tracer's state of one co_spawn'ed task (src/asio_tasks.hpp)

// Data every Asio operation carries (it inherits this class): which task it belongs to.
// Asio frees the operation before invoking its handler, so completion copies these fields.
class tracked_handler {
 public:
  // Only the task is initialised untraced (every operation of the program carries these);
  // the rest is set when a handler is attached to a task and read only then.
  Task* coscope_task_ = nullptr;
  const char* coscope_object_type_;
  const char* coscope_op_name_;
  mutable bool coscope_woken_;

 protected:
  tracked_handler() = default;
  ~tracked_handler() = default;
};

struct location_args {
  const char* file;
  int line;
  const char* function;
};
inline location_args make_location(const char* file, int line, const char* function) {
  return {file, line, function};
}

// Type of the fallback `frame` object: LOCATION expands to code naming `frame`, which is the
// awaiting coroutine's frame inside use_awaitable's do_init and this object everywhere else.
struct no_frame {};

// Reads a protected/private field of Asio's awaitable frames. awaitable_frame_base<Executor>
// holds, in order, coro_, attached_thread_, caller_, pending_exception_, resume_context_:
// five pointers whatever the executor. The entry frame (awaitable_frame<entry_point>) then
// holds a union with the executor and top_of_stack_. tests/tracer/test_asio_frame_layout.cpp
// checks these offsets against the real members (explicit-instantiation access technique).
inline constexpr std::size_t kCoroOffset = 0;
inline constexpr std::size_t kAttachedThreadOffset = sizeof(void*);
inline constexpr std::size_t kCallerOffset = 2 * sizeof(void*);
inline constexpr std::size_t kFrameBaseSize = 5 * sizeof(void*);

constexpr std::size_t align_up(std::size_t n, std::size_t a) {
  return (n + a - 1) / a * a;
}

template <typename Executor>
constexpr std::size_t top_of_stack_offset() {
  return align_up(align_up(kFrameBaseSize, alignof(Executor)) + sizeof(Executor), alignof(void*));
}

template <typename Executor>
void* read_top_of_stack(const void* entry_frame) {
  return *reinterpret_cast<void* const*>(static_cast<const char*>(entry_frame) +
                                         top_of_stack_offset<Executor>());
}

using TopOfStackReader = void* (*)(const void*);

template <typename T>
struct frame_traits {
  static constexpr bool is_frame = false;
};
template <typename Executor>
struct frame_traits<boost::asio::detail::awaitable_frame_base<Executor>> {
  static constexpr bool is_frame = true;
  static constexpr TopOfStackReader reader = &read_top_of_stack<Executor>;
};

class location;
void enter_location(location& scope, const void* frame, TopOfStackReader reader) noexcept;
void leave_location(location& scope) noexcept;

// One LOCATION scope: a source position Asio reports for the operation being started, and
// (inside use_awaitable) the frame of the coroutine that is suspending.
class location {
 public:
  // Untraced, a scope costs a load, a store and a branch: its other fields are set by
  // enter_location() only (every operation of the program opens one).
  template <typename Frame>
  location(location_args where, Frame* const& frame) {
    if (!tracer::active()) return;
    where_ = where;
    if constexpr (frame_traits<Frame>::is_frame)
      enter_location(*this, frame, frame_traits<Frame>::reader);
    else
      enter_location(*this, nullptr, nullptr);
  }
  template <typename Other>
  location(location_args where, const Other&) {
    if (!tracer::active()) return;
    where_ = where;
    enter_location(*this, nullptr, nullptr);
  }
  location(const location&) = delete;
  location& operator=(const location&) = delete;
  ~location() {
    if (entered_) leave_location(*this);
  }

  // State of the scope, owned by src/asio_hooks.cpp; all but entered_ set by enter_location().
  bool entered_ = false;
  std::uint8_t state_;
  bool borrowed_;  // task_ runs on this thread: no reference taken (src/asio_hooks.cpp)
  location_args where_;
  location* outer_;
  Task* task_;  // retained while set, unless borrowed_
  const void* frame_;
  const void* entry_;  // task_'s entry frame, to find it again (src/asio_hooks.cpp)
};

// Where the function an operation runs starts, when it is type-erased on the heap (an
// any_io_executor's execute wraps it in an executor_function); nullptr for other operations.
using ErasedFunction = const void* (*)(const void* op);
template <typename Op>
struct erased_function_op {
  static constexpr ErasedFunction function = nullptr;
};
template <typename Alloc, typename Operation>
struct erased_function_op<
    boost::asio::detail::executor_op<boost::asio::detail::executor_function, Alloc, Operation>> {
  // executor_op's first member follows its Operation base: the executor_function, one pointer
  // to an impl_base (one function pointer) followed by the function object.
  // tests/tracer/test_asio_frame_layout.cpp checks this against the real members.
  static const void* read(const void* op) {
    const char* member = static_cast<const char*>(op) + align_up(sizeof(Operation), alignof(void*));
    const char* impl = *reinterpret_cast<const char* const*>(member);
    return impl == nullptr ? nullptr : impl + sizeof(void*);
  }
  static constexpr ErasedFunction function = &read;
};

// `context`: the execution context the operation runs on (an io_context, a thread_pool).
// `op`, `op_size`, `erased`: the whole operation object and how to find a type-erased function
// it runs, either of which may hold the continuation of a task suspended on something Asio
// does not track (src/asio_hooks.cpp, continuation_in()).
void on_creation(tracked_handler& h, const void* context, const char* object_type,
                 const char* op_name, const void* op, std::size_t op_size,
                 ErasedFunction erased) noexcept;
void on_reactor_operation(const tracked_handler& h, bool would_block) noexcept;

// A strand's invoker: the operation a strand posts to its inner executor to run its queue,
// which holds handlers of any task (each tracked on its own). It belongs to no task. Asio's
// strand_executor_service::invoker is told apart by its public `on_invoker_exit`.
template <typename Op>
struct strand_invoker_op : std::false_type {};
template <template <typename...> class Op, typename Function, typename... Rest>
requires requires {
  typename Function::on_invoker_exit;
}
struct strand_invoker_op<Op<Function, Rest...>> : std::true_type {};

template <typename Context, typename Op, typename Object, typename Native>
[[gnu::always_inline]] inline void creation(Context& context, Op& op, const char* object_type,
                                            Object*, Native, const char* op_name) {
  if constexpr (!strand_invoker_op<Op>::value) {
    if (tracer::active())
      on_creation(op, &context, object_type, op_name, &op, sizeof(Op),
                  erased_function_op<Op>::function);
  }
}

// The reactor performed an operation: when it did not just would-block, the handler is
// queued, which is when its task becomes runnable.
template <typename ErrorCode, typename... Rest>
[[gnu::always_inline]] inline void reactor_operation(const tracked_handler& h, const char*,
                                                     const ErrorCode& ec, Rest&&...) {
  if (h.coscope_task_ != nullptr && !h.coscope_woken_)
    on_reactor_operation(h, ec.value() == 11 /* EAGAIN == EWOULDBLOCK on Linux */);
}

class completion {
 public:
  // Untraced: a load, a store and a branch; the rest is copied by begin().
  explicit completion(const tracked_handler& h) : task_(h.coscope_task_) {
    if (task_ != nullptr) begin(h);
  }
  completion(const completion&) = delete;
  completion& operator=(const completion&) = delete;
  ~completion() {
    if (task_ != nullptr) destroyed();
  }
  template <typename... Args>
  void invocation_begin(const Args&...) {
    if (task_ != nullptr) invoke();
  }
  void invocation_end() {
    if (task_ != nullptr) end();
  }

  // State, owned by src/asio_hooks.cpp; all but task_ set by begin() and read only when
  // task_ is set.
  Task* task_;
  const char* object_type_;
  const char* op_name_;
  bool woken_;
  bool invoked_;
  bool ended_;
  bool pushed_;
  bool released_;               // gave its task reference back early (src/asio_hooks.cpp)
  completion* outer_invoking_;  // set by invoke() when pushed_
  location* scope_;             // the innermost LOCATION when invoke() pushed the task

 private:
  void begin(const tracked_handler& h) noexcept;
  void invoke() noexcept;
  void end() noexcept;
  void destroyed() noexcept;
};

}  // namespace coscope::asio_hooks

namespace boost::asio {
// See no_frame. In namespace boost::asio (not ::detail: ssl/detail/io.hpp has its own
// `frame`-free LOCATION uses that must still find this one).
inline constexpr ::coscope::asio_hooks::no_frame frame{};
}  // namespace boost::asio

// Every resume of an awaitable goes through its awaitable_handler, which Asio invokes through
// the (deprecated, still default) asio_handler_invoke hook: the one place a handler invoked
// with no operation around it is seen — a program's own primitive that kept the handler and
// runs it inline (`asio::dispatch(std::move(handler))`), or a `co_await dispatch(...)` that
// completes inline. Not with BOOST_ASIO_NO_DEPRECATED, where Asio calls no hook.
#if !defined(BOOST_ASIO_NO_DEPRECATED)
namespace boost::asio::detail {
template <typename, typename...>
class awaitable_handler;
}  // namespace boost::asio::detail

namespace coscope::asio_hooks {

// `handler` starts with its task's entry frame (awaitable_thread::bottom_of_stack_). Returns
// the task whose running this invocation started, for the end.
Task* on_awaitable_invoke(const void* handler) noexcept;
void on_awaitable_invoked(Task* started) noexcept;

class awaitable_invocation {
 public:
  explicit awaitable_invocation(const void* handler)
      : started_(tracer::active() ? on_awaitable_invoke(handler) : nullptr) {}
  awaitable_invocation(const awaitable_invocation&) = delete;
  awaitable_invocation& operator=(const awaitable_invocation&) = delete;
  ~awaitable_invocation() {
    if (started_ != nullptr) on_awaitable_invoked(started_);
  }

 private:
  Task* started_;
};

}  // namespace coscope::asio_hooks

namespace boost::asio::detail {
// Found by argument-dependent lookup before Asio's catch-all `asio_handler_invoke(F&, ...)`.
template <typename Function, typename Executor, typename... Ts>
inline void asio_handler_invoke(Function& function, awaitable_handler<Executor, Ts...>* handler) {
  ::coscope::asio_hooks::awaitable_invocation scope(handler);
  function();
}
template <typename Function, typename Executor, typename... Ts>
inline void asio_handler_invoke(const Function& function,
                                awaitable_handler<Executor, Ts...>* handler) {
  ::coscope::asio_hooks::awaitable_invocation scope(handler);
  Function copy(function);
  copy();
}
}  // namespace boost::asio::detail
#endif
