// What makes a type awaitable: the three await_ members (in the class or a base), a member
// operator co_await, a free one (also a template, also a hidden friend). Types without any of
// them are not reported, and neither are eager fire-and-forget task types.
#include <coroutine>

struct ready {
  bool await_ready() const noexcept { return true; }  // expect-note: 'ready' is awaitable because of this declaration
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  int await_resume() const noexcept { return 1; }
};
ready make_ready();

struct derived_ready : ready {};
derived_ready make_derived();

struct with_member_op {
  ready operator co_await() const { return {}; }
};
with_member_op make_member_op();

namespace lib {
template <class T>
struct future {};
template <class T>
ready operator co_await(future<T>);
future<int> make_future();

struct friendly {
  friend ready operator co_await(friendly) { return {}; }
};
friendly make_friendly();
}  // namespace lib

struct plain {
  int value;
};
plain make_plain();

struct fire_and_forget {
  struct promise_type {
    fire_and_forget get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};
fire_and_forget background() { co_return; }

fire_and_forget user() {
  make_ready();  // expect-warning: awaitable of type 'ready' returned by 'make_ready'
  make_derived();  // expect-warning: 'derived_ready' returned by 'make_derived'
  make_member_op();  // expect-warning: 'with_member_op'
  lib::make_future();  // expect-warning: 'lib::future' returned by 'lib::make_future'
  lib::make_friendly();  // expect-warning: 'lib::friendly'
  make_plain();
  background();  // eager: runs to completion (or its first suspension) right away
  int n = co_await make_ready();
  (void)n;
}
