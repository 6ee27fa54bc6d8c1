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
