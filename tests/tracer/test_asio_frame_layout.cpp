// The offsets coscope/asio/hooks.hpp assumes for Asio's awaitable frames, checked against the
// real members (explicit-instantiation access technique) for several executor types.
#include <gtest/gtest.h>

#include <boost/asio.hpp>

#include "coscope/asio/hooks.hpp"

namespace {

template <typename Tag, typename Tag::type Member>
struct Expose {
  friend typename Tag::type member(Tag) { return Member; }
};

template <typename Executor>
struct Frames {
  using Base = boost::asio::detail::awaitable_frame_base<Executor>;
  using Entry =
      boost::asio::detail::awaitable_frame<boost::asio::detail::awaitable_thread_entry_point,
                                           Executor>;
};

// One set of tags per executor: a friend of a class template would be a template itself.
#define COSCOPE_EXPOSE_FRAMES(Name, E)                                           \
  struct Name##Coro {                                                            \
    using type = boost::asio::detail::coroutine_handle<void> Frames<E>::Base::*; \
    friend type member(Name##Coro);                                              \
  };                                                                             \
  struct Name##Attached {                                                        \
    using type = boost::asio::detail::awaitable_thread<E>* Frames<E>::Base::*;   \
    friend type member(Name##Attached);                                          \
  };                                                                             \
  struct Name##Caller {                                                          \
    using type = Frames<E>::Base* Frames<E>::Base::*;                            \
    friend type member(Name##Caller);                                            \
  };                                                                             \
  struct Name##Top {                                                             \
    using type = Frames<E>::Base* Frames<E>::Entry::*;                           \
    friend type member(Name##Top);                                               \
  };                                                                             \
  template struct Expose<Name##Coro, &Frames<E>::Base::coro_>;                   \
  template struct Expose<Name##Attached, &Frames<E>::Base::attached_thread_>;    \
  template struct Expose<Name##Caller, &Frames<E>::Base::caller_>;               \
  template struct Expose<Name##Top, &Frames<E>::Entry::top_of_stack_>;           \
  struct Name##Tags {                                                            \
    using Coro = Name##Coro;                                                     \
    using Attached = Name##Attached;                                             \
    using Caller = Name##Caller;                                                 \
    using Top = Name##Top;                                                       \
  }

using AnyIo = boost::asio::any_io_executor;
using IoContextEx = boost::asio::io_context::executor_type;
using StrandEx = boost::asio::strand<boost::asio::any_io_executor>;
COSCOPE_EXPOSE_FRAMES(AnyIo, AnyIo);
COSCOPE_EXPOSE_FRAMES(IoContext, IoContextEx);
COSCOPE_EXPOSE_FRAMES(Strand, StrandEx);

template <typename Object, typename Pointer>
std::size_t offset(const Object& object, Pointer member_pointer) {
  return static_cast<std::size_t>(reinterpret_cast<const char*>(&(object.*member_pointer)) -
                                  reinterpret_cast<const char*>(&object));
}

template <typename Executor, typename Tags>
void check_layout() {
  using Entry = typename Frames<Executor>::Entry;
  using Base = typename Frames<Executor>::Base;
  alignas(Entry) static unsigned char storage[sizeof(Entry)];
  const auto& entry = *reinterpret_cast<const Entry*>(storage);
  const Base& base = entry;
  namespace h = coscope::asio_hooks;
  EXPECT_EQ(sizeof(Base), h::kFrameBaseSize);
  EXPECT_EQ(offset(base, member(typename Tags::Coro{})), h::kCoroOffset);
  EXPECT_EQ(offset(base, member(typename Tags::Attached{})), h::kAttachedThreadOffset);
  EXPECT_EQ(offset(base, member(typename Tags::Caller{})), h::kCallerOffset);
  EXPECT_EQ(offset(entry, member(typename Tags::Top{})), h::top_of_stack_offset<Executor>());
  EXPECT_EQ(static_cast<const void*>(&base), static_cast<const void*>(&entry));
}

}  // namespace

TEST(AsioFrameLayout, AnyIoExecutor) {
  check_layout<AnyIo, AnyIoTags>();
}
TEST(AsioFrameLayout, IoContextExecutor) {
  check_layout<IoContextEx, IoContextTags>();
}
TEST(AsioFrameLayout, StrandExecutor) {
  check_layout<StrandEx, StrandTags>();
}

// What the hooks read of an operation that runs a type-erased function and of an awaitable's
// handler (hooks.hpp: erased_function_op, on_awaitable_invoke): the place of the function in
// an executor_op, and the task's entry frame as the handler's first word. (The function's own
// place in executor_function's private impl can't be named here: the kept-handler tests of
// test_asio_kept_handlers.cpp post through it.)
namespace {

namespace detail = boost::asio::detail;
using ErasedOp = detail::executor_op<detail::executor_function, std::allocator<void>,
                                     detail::scheduler_operation>;

struct OpHandler {
  using type = detail::executor_function ErasedOp::*;
  friend type member(OpHandler);
};
struct ThreadBottom {
  using type = boost::asio::awaitable<detail::awaitable_thread_entry_point, AnyIo>
      detail::awaitable_thread<AnyIo>::*;
  friend type member(ThreadBottom);
};
struct AwaitableFrame {
  using type = detail::awaitable_frame<detail::awaitable_thread_entry_point, AnyIo>*
      boost::asio::awaitable<detail::awaitable_thread_entry_point, AnyIo>::*;
  friend type member(AwaitableFrame);
};
template struct Expose<OpHandler, &ErasedOp::handler_>;
template struct Expose<ThreadBottom, &detail::awaitable_thread<AnyIo>::bottom_of_stack_>;
template struct Expose<
    AwaitableFrame, &boost::asio::awaitable<detail::awaitable_thread_entry_point, AnyIo>::frame_>;

template <typename Object, typename Member>
std::size_t member_offset(Member Object::*m) {
  alignas(Object) static unsigned char storage[sizeof(Object)];
  return offset(*reinterpret_cast<const Object*>(storage), m);
}

}  // namespace

TEST(AsioFrameLayout, ATypeErasedFunctionIsWhereTheHooksLook) {
  EXPECT_EQ(member_offset(member(OpHandler{})),
            coscope::asio_hooks::align_up(sizeof(detail::scheduler_operation), alignof(void*)));
}

TEST(AsioFrameLayout, AnAwaitableHandlerStartsWithItsEntryFrame) {
  EXPECT_EQ(member_offset(member(ThreadBottom{})), 0u);
  EXPECT_EQ(member_offset(member(AwaitableFrame{})), 0u);
  using Handler = detail::awaitable_handler<AnyIo, boost::system::error_code>;
  alignas(Handler) static unsigned char storage[sizeof(Handler)];
  const auto* handler = reinterpret_cast<const Handler*>(storage);
  EXPECT_EQ(static_cast<const void*>(static_cast<const detail::awaitable_thread<AnyIo>*>(handler)),
            static_cast<const void*>(handler));
}
