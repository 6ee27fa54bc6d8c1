// Transitive blocking through member calls: a qualified call (s->Store::save()) runs that very
// function and is followed; a virtual call runs an override not known here and is not.
// Known limitation: user constructors and destructors are not followed (see the doc page).
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

struct Store {
  virtual ~Store() = default;
  virtual void save() { ::usleep(1); }  // expect-note: 'Store::save' blocks here: call to 'usleep'
  void save_all() { Store::save(); }  // expect-note: 'Store::save_all' calls 'Store::save' here
  void save_any() { save(); }
};

task persist(Store* s) {  // expect-note: inside coroutine 'persist' declared here
  s->Store::save();  // expect-warning: call to 'Store::save' inside coroutine 'persist' blocks: Store::save -> usleep
  s->save_all();  // expect-warning: call to 'Store::save_all' inside coroutine 'persist' blocks: Store::save_all -> Store::save -> usleep
  s->save();
  s->save_any();
  co_return;
}
