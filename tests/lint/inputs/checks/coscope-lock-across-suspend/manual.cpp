// Mutexes locked and unlocked by hand on the same path as a suspension point.
#include <coroutine>
#include <memory>
#include <mutex>
#include <shared_mutex>

struct task {
  struct promise_type {
    task get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};

std::mutex m;
std::mutex m2;
std::shared_mutex sm;
void use(int);

task lock_await_unlock() {
  m.lock();  // expect-note: mutex 'm' acquired here
  co_await std::suspend_always{};  // expect-warning: coroutine 'lock_await_unlock' suspends at 'co_await' while mutex 'm' is held
  m.unlock();
  co_await std::suspend_always{};
  sm.lock_shared();  // expect-note: mutex 'sm' acquired here
  co_await std::suspend_always{};  // expect-warning: while mutex 'sm' is held
  sm.unlock_shared();
  co_await std::suspend_always{};
}

// Unlocked on one path only: still held on the other one.
task unlocked_on_one_path(bool flag) {
  m.lock();  // expect-note: mutex 'm' acquired here
  if (flag) m.unlock();
  co_await std::suspend_always{};  // expect-warning: while mutex 'm' is held
  if (!flag) m.unlock();
}

// A try_lock may have failed; the check does not follow the branch on its result.
task tries() {
  if (m.try_lock()) {  // expect-note: mutex 'm' acquired here
    co_await std::suspend_always{};  // expect-warning: while mutex 'm' is held
    m.unlock();
  }
}

// std::lock, then guards that adopt the mutexes: the guards own them and release them.
task lock_then_adopt() {
  std::lock(m, m2);
  {
    std::lock_guard a(m, std::adopt_lock);
    std::lock_guard b(m2, std::adopt_lock);
    use(1);
  }
  co_await std::suspend_always{};
  m.lock();
  std::unique_lock adopted(m, std::adopt_lock);  // expect-note: lock 'adopted' acquired here
  co_await std::suspend_always{};  // expect-warning: while lock 'adopted' is held
}

// Members: `m_` and `this->m_` are the same mutex.
struct Service {
  std::mutex m_;
  task work() {
    m_.lock();  // expect-note: mutex 'm_' acquired here
    co_await std::suspend_always{};  // expect-warning: coroutine 'Service::work' suspends at 'co_await' while mutex 'm_' is held
    this->m_.unlock();
    co_await std::suspend_always{};
  }
};

// Not a mutex: std::weak_ptr::lock() has no unlock().
task weak(std::weak_ptr<int> w) {
  auto p = w.lock();
  co_await std::suspend_always{};
  use(*p);
}
