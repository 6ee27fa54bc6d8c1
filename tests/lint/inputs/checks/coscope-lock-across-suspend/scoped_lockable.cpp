// Clang's thread-safety annotations: any class marked scoped_lockable (SCOPED_CAPABILITY) is an
// RAII lock, and a capability's methods marked acquire/release lock and unlock it, whatever
// their names.
#include <coroutine>

#define CAPABILITY(x) __attribute__((capability(x)))
#define SCOPED_CAPABILITY __attribute__((scoped_lockable))
#define ACQUIRE(...) __attribute__((acquire_capability(__VA_ARGS__)))
#define RELEASE(...) __attribute__((release_capability(__VA_ARGS__)))

struct task {
  struct promise_type {
    task get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};

class CAPABILITY("mutex") Mutex {
 public:
  void Acquire() ACQUIRE();
  void Release() RELEASE();
};

class SCOPED_CAPABILITY MutexLocker {
 public:
  explicit MutexLocker(Mutex* mu) ACQUIRE(mu);
  ~MutexLocker() RELEASE();
  void Unlock() RELEASE();
};

// A scoped_lockable class template: its specializations are locks too.
template <class M>
class SCOPED_CAPABILITY Holder {
 public:
  explicit Holder(M& m) ACQUIRE(m);
  ~Holder() RELEASE();
};

Mutex mu;

task annotated() {
  {
    MutexLocker locker(&mu);  // expect-note: lock 'locker' acquired here
    co_await std::suspend_always{};  // expect-warning: while lock 'locker' is held
    locker.Unlock();
    co_await std::suspend_always{};
  }
  mu.Acquire();  // expect-note: mutex 'mu' acquired here
  co_await std::suspend_always{};  // expect-warning: while mutex 'mu' is held
  mu.Release();
  co_await std::suspend_always{};
  Holder<Mutex> holder(mu);  // expect-note: lock 'holder' acquired here
  co_await std::suspend_always{};  // expect-warning: while lock 'holder' is held
}
