// A branch that `if constexpr` discards is never part of the program: its calls block nothing,
// directly or through the functions that make them (transitive summaries), and a lambda there
// is never created. In a template whose condition depends on a template parameter the branch
// is real for some instantiation: still reported, once, at its spelling.
#include <coroutine>
#include <unistd.h>

struct task {
  struct promise_type {
    task get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};

constexpr bool kVerbose = false;

void helper_discarded() {
  if constexpr (false) {
    ::sleep(1);
  }
}
void helper_else() {
  if constexpr (!kVerbose) {
  } else {
    ::usleep(1);
  }
}
void helper_kept() {
  if constexpr (!kVerbose) ::usleep(2);  // expect-note: 'helper_kept' blocks here: call to 'usleep'
}

task direct() {  // expect-note: inside coroutine 'direct' declared here
  if constexpr (false) {
    ::sleep(1);
  }
  if constexpr (kVerbose) ::sleep(2);
  if constexpr (!kVerbose) {
  } else {
    ::sleep(3);
  }
  if constexpr (sizeof(int) == 1) {
    ::sleep(4);
  } else if constexpr (sizeof(int) == 4) {
    ::usleep(1);  // expect-warning: blocking call to 'usleep' inside coroutine 'direct'
  } else {
    ::sleep(5);
  }
  if constexpr (false) {
    auto never = []() -> task {
      ::sleep(6);
      co_return;
    };
    never();
  }
  helper_discarded();
  helper_else();
  helper_kept();  // expect-warning: call to 'helper_kept' inside coroutine 'direct' blocks: helper_kept -> usleep
  co_return;
}

template <bool Blocking>
task dependent() {  // expect-note: inside coroutine 'dependent' declared here
  if constexpr (Blocking) {
    ::sleep(7);  // expect-warning: blocking call to 'sleep' inside coroutine 'dependent'
  }
  co_return;
}
template <class T>
task not_dependent() {
  if constexpr (false) {
    ::sleep(8);
  }
  co_return;
}
void instantiate() {
  dependent<false>();
  not_dependent<int>();
}
