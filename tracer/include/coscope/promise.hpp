// coscope::traced_promise: a mixin that makes any coroutine type traceable (cppcoro- or
// libcoro-style tasks, a user's own). Derive the promise from it and wrap three awaiters:
//
//   struct promise_type : coscope::traced_promise<promise_type> {
//     auto initial_suspend() noexcept { return traced_initial(std::suspend_always{}); }
//     auto final_suspend() noexcept { return traced_final(final_awaiter{}); }
//     void unhandled_exception() { traced_unhandled(); error = std::current_exception(); }
//     ...
//   };
//
// Every `co_await x` in such a coroutine then goes through the mixin's await_transform, which
// takes the await site as a std::source_location (file:line of the co_await itself).
// What is recorded (docs/tracer-checks.md, "Any coroutine type"):
//   - a coroutine first resumed on its own is a task: spawn (parent: the task that created it,
//     spawn-site stack), resume, suspend at each co_await that really suspends (operation =
//     the awaiter's type, location = the co_await line), wake+resume when it continues,
//     resume end, complete (exception when unhandled_exception ran, cancelled when destroyed
//     unfinished).
//   - a coroutine of a traced type awaited by a traced coroutine (`co_await child()`) is part
//     of its awaiter's task: no task of its own, one more entry in the async frame chain.
// Your promise may define its own await_transform: call traced_await(x, where) from it.
#pragma once

#include <array>
#include <coroutine>
#include <cstdint>
#include <source_location>
#include <string_view>
#include <type_traits>
#include <utility>

#include "coscope/tracer/recorder.hpp"

namespace coscope {
namespace promise_detail {

// One coroutine frame in a task's async chain. `address` is the frame (its first word is the
// resume function, which names the coroutine in g++ and clang alike).
struct TaskState;
struct Frame {
  const Frame* awaiter = nullptr;
  const void* address = nullptr;
  TaskState* state = nullptr;
};
struct TaskState {
  tracer::TaskId id = 0;
  const Frame* innermost = nullptr;
  bool failed = false;
};

// tracer::AwaiterWalker over a TaskState: the chain from its innermost frame outwards.
void walk(const void* state, tracer::RawStack& stack);
// Spawn-site frames kept in the promise until the coroutine turns out to be a task.
inline constexpr int kSpawnFrames = 12;
void capture_spawn(std::uint64_t* frames, std::uint8_t& count) noexcept;
void record_root_start(TaskState& state, const Frame& frame, tracer::TaskId parent,
                       const std::uint64_t* frames, std::uint8_t count) noexcept;
void record_suspend(TaskState& state, const Frame& frame, const char* operation,
                    const std::source_location& where) noexcept;
void record_continue(TaskState& state, const Frame& frame) noexcept;

// The awaiter's type as a NUL-terminated static string, for the suspend's operation.
template <typename T>
constexpr std::string_view raw_name() {
  return __PRETTY_FUNCTION__;
}
template <typename T>
struct TypeName {
  static constexpr std::string_view extract() {
    std::string_view p = raw_name<T>();
    std::size_t begin = p.find("T = ");
    if (begin == std::string_view::npos) return "co_await";
    begin += 4;
    std::size_t end = p.find(';', begin);
    if (end == std::string_view::npos) end = p.rfind(']');
    return p.substr(begin, end - begin);
  }
  static constexpr auto storage = [] {
    std::array<char, extract().size() + 1> a{};
    for (std::size_t i = 0; i < extract().size(); ++i) a[i] = extract()[i];
    return a;
  }();
  static constexpr const char* value = storage.data();
};

class PromiseBase;
// The traced promise created last on this thread: the operand of the co_await being
// transformed, when that operand is a traced coroutine (`co_await child(args)`).
inline thread_local PromiseBase* t_last_created = nullptr;

class PromiseBase {
 public:
  PromiseBase(const PromiseBase&) = delete;
  // Not started yet and of the promise type `tag` names: can join an awaiter's task.
  bool adoptable(const void* tag) const noexcept { return tag_ == tag && !started_; }
  PromiseBase& operator=(const PromiseBase&) = delete;

 protected:
  PromiseBase() noexcept : parent_(tracer::current_task()) {
    t_last_created = this;
    if (tracer::active() && tracer::stack_mode() != StackMode::off)
      capture_spawn(spawn_frames_, spawn_count_);
  }
  ~PromiseBase();

  void start(const void* address) noexcept {
    frame_.address = address;
    if (frame_.state == nullptr) {  // resumed on its own: a task
      frame_.state = &own_;
      record_root_start(own_, frame_, parent_, spawn_frames_, spawn_count_);
    } else {
      frame_.state->innermost = &frame_;
    }
    started_ = true;
  }
  void finish() noexcept;
  // Links `child` (created by the co_await operand) into this frame's task.
  void adopt(PromiseBase& child) noexcept {
    child.frame_.awaiter = &frame_;
    child.frame_.state = frame_.state;
  }
  bool root() const noexcept { return frame_.state == &own_; }

  Frame frame_;
  TaskState own_;
  tracer::TaskId parent_ = 0;
  bool started_ = false;
  bool finished_ = false;
  std::uint8_t spawn_count_ = 0;
  std::uint64_t spawn_frames_[kSpawnFrames];
  const void* tag_ = nullptr;  // identifies the derived promise type (see traced_promise)
};

template <typename A>
decltype(auto) awaiter_of(A&& awaitable) {
  if constexpr (requires { std::forward<A>(awaitable).operator co_await(); })
    return std::forward<A>(awaitable).operator co_await();
  else if constexpr (requires { operator co_await(std::forward<A>(awaitable)); })
    return operator co_await(std::forward<A>(awaitable));
  else
    return std::forward<A>(awaitable);
}

template <typename T>
concept TracedCoroutine = requires {
  typename std::remove_cvref_t<T>::promise_type;
}
&&std::is_base_of_v<PromiseBase, typename std::remove_cvref_t<T>::promise_type>;

}  // namespace promise_detail

template <typename Derived>
class traced_promise : public promise_detail::PromiseBase {
  using Frame = promise_detail::Frame;

 public:
  traced_promise() noexcept { tag_ = &kTag; }

  // Every co_await of the coroutine: `where` is the co_await expression's position.
  template <typename A>
  auto await_transform(A&& awaitable,
                       std::source_location where = std::source_location::current()) {
    return traced_await(std::forward<A>(awaitable), where);
  }

  template <typename A>
  auto traced_await(A&& awaitable, std::source_location where) {
    using Inner =
        std::remove_cvref_t<decltype(promise_detail::awaiter_of(std::forward<A>(awaitable)))>;
    bool child = false;
    if constexpr (promise_detail::TracedCoroutine<A>) {
      using ChildPromise = typename std::remove_cvref_t<A>::promise_type;
      promise_detail::PromiseBase* created = promise_detail::t_last_created;
      if (created != nullptr && created != this && frame_.state != nullptr &&
          created->adoptable(&ChildPromise::kTag)) {
        adopt(*created);
        child = true;
      }
    }
    return Await<Inner>{promise_detail::awaiter_of(std::forward<A>(awaitable)), this, where, child};
  }

 protected:
  template <typename I>
  auto traced_initial(I inner) noexcept {
    return Boundary<I, true>{std::move(inner), this};
  }
  template <typename F>
  auto traced_final(F inner) noexcept {
    return Boundary<F, false>{std::move(inner), this};
  }
  // Call from unhandled_exception(): the task ends with an exception.
  void traced_unhandled() noexcept {
    if (frame_.state != nullptr && root()) own_.failed = true;
  }

 public:
  static constexpr char kTag = 0;  // its address identifies Derived

 private:
  const void* address() noexcept {
    return std::coroutine_handle<Derived>::from_promise(static_cast<Derived&>(*this)).address();
  }

  // The co_await of one operand: records the suspension unless the operand is a traced
  // coroutine of the same task (then it only runs nested, through symmetric transfer).
  template <typename Inner>
  struct Await {
    Inner inner;
    traced_promise* self;
    std::source_location where;
    bool child;

    bool await_ready() { return inner.await_ready(); }
    template <typename P>
    auto await_suspend(std::coroutine_handle<P> handle) {
      using R = decltype(inner.await_suspend(handle));
      Frame& frame = self->frame_;
      bool traced = !child && frame.state != nullptr && tracer::active();
      if (traced)
        promise_detail::record_suspend(*frame.state, frame, promise_detail::TypeName<Inner>::value,
                                       where);
      if constexpr (std::is_same_v<R, bool>) {
        bool suspended = inner.await_suspend(handle);
        if (!suspended && traced) promise_detail::record_continue(*frame.state, frame);
        return suspended;
      } else {
        return inner.await_suspend(handle);
      }
    }
    decltype(auto) await_resume() {
      Frame& frame = self->frame_;
      if (frame.state != nullptr) promise_detail::record_continue(*frame.state, frame);
      return inner.await_resume();
    }
  };

  // initial_suspend's awaiter (the body starts at its await_resume) and final_suspend's (the
  // body has ended at its await_suspend).
  template <typename Inner, bool initial>
  struct Boundary {
    Inner inner;
    traced_promise* self;

    bool await_ready() noexcept {
      if constexpr (!initial) self->finish();
      return inner.await_ready();
    }
    template <typename P>
    auto await_suspend(std::coroutine_handle<P> handle) noexcept {
      return inner.await_suspend(handle);
    }
    auto await_resume() noexcept {
      if constexpr (initial) self->start(self->address());
      return inner.await_resume();
    }
  };
};

}  // namespace coscope
