// Interposes the C++ ABI's throw and catch entry points (libstdc++/libsupc++ names) and
// std::current_exception to follow each exception thrown inside a task until its fate is known.
#include "exceptions.hpp"

#include <cxxabi.h>

#include <array>
#include <atomic>
#include <cstring>
#include <exception>
#include <mutex>
#include <string>
#include <typeinfo>

#include "../running_stack.hpp"
#include "../symbolizer.hpp"
#include "checks.hpp"
#include "next_symbol.hpp"

namespace coscope::checks {
namespace {

struct Travelling {
  void* object = nullptr;  // the thrown object: identifies it through rethrow_exception too
  tracer::TaskId task = 0;
  std::string type;
  std::string message;
  tracer::RawStack stack;
  int handlers = 0;       // catch clauses running now
  bool captured = false;  // std::current_exception() taken in the running catch
  bool was_captured = false;
  bool rethrown = false;
  bool awaited = false;  // thrown in a task another task awaits: delivered to it, not lost
  std::uint64_t age = 0;
};

constexpr std::size_t kTableSize = 32;
std::mutex g_mutex;
std::array<Travelling, kTableSize> g_table;

// The destructor each recorded throw gave __cxa_throw: ours (destroy_thrown) runs instead, so
// that the end of an exception nobody caught again is seen. Entries leave only there; a throw
// finding no room keeps its own destructor (and the tracer does not see its end).
struct Destructor {
  void* object = nullptr;
  void (*destroy)(void*) = nullptr;
  bool thrown = false;  // else made by std::make_exception_ptr and not thrown yet
  // Made: the task running then, and whether another task awaits its end. Its first throw is
  // that task's: Asio makes the error of an operation in the handler of the task that awaited
  // it, and when that task is an operation awaited as an operand of `a || b` the throw comes
  // from co_spawn_entry_point's frame, where the running task is not known for sure (the
  // parent's code may run there inline: see catch_up_running()).
  tracer::TaskId maker = 0;
  bool maker_awaited = false;
};
constexpr std::size_t kDestructors = 256;
std::array<Destructor, kDestructors> g_destructors;
std::atomic<int> g_count{0};  // entries in use: catch paths skip the lock while 0
std::uint64_t g_clock = 0;

// The objects of the catch clauses running on this thread, innermost last.
constexpr int kMaxCaught = 16;
constinit thread_local void* t_caught[kMaxCaught];
constinit thread_local int t_caught_depth = 0;

void* caught_top() {
  int d = t_caught_depth;
  return d > 0 && d <= kMaxCaught ? t_caught[d - 1] : nullptr;
}

// The destructor kept for an exception object, and a free slot for one; under g_mutex.
Destructor* destructor_of(void* object) {
  for (Destructor& d : g_destructors)
    if (d.object == object) return &d;
  return nullptr;
}
Destructor* free_destructor() {
  return destructor_of(nullptr);
}

Travelling* find_travelling(void* object) {
  for (Travelling& t : g_table)
    if (t.object != nullptr && t.object == object) return &t;
  return nullptr;
}

void emit(Travelling& t, format::ExceptionFate fate) {
  format::ExceptionThrown e;
  e.task = t.task;
  e.type = tracer::intern(t.type);
  e.message = std::move(t.message);
  e.fate = fate;
  bool with_stack = tracer::stack_mode() != StackMode::off;
  tracer::emit(std::move(e), with_stack ? &t.stack : nullptr);
  t.object = nullptr;
  g_count.fetch_sub(1, std::memory_order_relaxed);
}

Travelling& free_entry() {
  Travelling* oldest = &g_table[0];
  for (Travelling& t : g_table) {
    if (t.object == nullptr) return t;
    if (t.age < oldest->age) oldest = &t;
  }
  emit(*oldest, format::ExceptionFate::unknown);  // table full: the oldest is given up on
  return *oldest;
}

std::string what_of(void* object, const std::type_info* type) {
  void* adjusted = object;
  if (type != nullptr && typeid(std::exception).__do_catch(type, &adjusted, 1))
    return static_cast<const std::exception*>(adjusted)->what();
  return {};
}

// Starts following a throw in a table entry; under g_mutex.
// `maker`: the task that made it (see Destructor::maker), 0 when thrown where it was made.
void follow(void* object, std::string name, std::string message, const void* caller,
            const Destructor* made = nullptr) {
  Travelling& t = free_entry();
  t.object = object;
  if (made != nullptr && made->maker != 0) {
    t.task = made->maker;
    t.awaited = made->maker_awaited;
  } else {
    tracer::detail::catch_up_running();
    t.task = tracer::current_task();
    t.awaited = tracer::detail::running_task_awaited();
  }
  t.type = std::move(name);
  t.message = std::move(message);
  capture_from(t.stack, caller);
  t.handlers = 0;
  t.captured = t.was_captured = t.rethrown = false;
  t.age = ++g_clock;
  g_count.fetch_add(1, std::memory_order_relaxed);
}

std::string type_name(const std::type_info* type) {
  return type == nullptr ? "unknown" : tracer::detail::demangle(type->name());
}

// Records a throw (__cxa_throw); true when `destroy` was kept for destroy_thrown() to call.
bool record_throw(void* object, const std::type_info* type, void (*destroy)(void*),
                  const void* caller) noexcept {
  Quiet quiet;
  try {
    std::string name = type_name(type);
    std::string message = what_of(object, type);
    std::lock_guard lock(g_mutex);
    Destructor* kept = free_destructor();
    if (kept == nullptr) return false;  // 256 exceptions alive at once: not followed
    *kept = Destructor{object, destroy, true};
    follow(object, std::move(name), std::move(message), caller);
    return true;
  } catch (...) {  // out of memory: this throw is not recorded
    return false;
  }
}

// Followed still, or thrown (and recorded) by __cxa_throw, its fate perhaps told already (the
// drop-in co_spawn reports a task's exception, then Asio passes it on); under g_mutex.
bool known(void* object) {
  if (find_travelling(object) != nullptr) return true;
  const Destructor* d = destructor_of(object);
  return d != nullptr && d->thrown;
}

// Keeps the destructor of an exception std::make_exception_ptr makes (Asio makes one of every
// error of a use_awaitable operation), so that its end is seen once it is thrown; true when
// `destroy` was kept for destroy_thrown() to call.
bool keep_made(void* object, void (*destroy)(void*)) noexcept {
  Quiet quiet;
  std::lock_guard lock(g_mutex);
  Destructor* kept = free_destructor();
  if (kept == nullptr) return false;
  *kept = Destructor{object, destroy, false, tracer::current_task(),
                     tracer::detail::running_task_awaited()};
  return true;
}

// Records an exception_ptr thrown (std::rethrow_exception) unless it is known: most are an
// awaited coroutine's exception passed on to its awaiter, one rethrow per level.
void record_rethrow(void* object, const std::type_info* type, const void* caller) noexcept {
  Quiet quiet;
  try {
    {
      std::lock_guard lock(g_mutex);
      if (known(object)) return;  // before the type's and the message's strings are made
    }
    std::string name = type_name(type);
    std::string message = what_of(object, type);
    std::lock_guard lock(g_mutex);
    if (known(object)) return;
    Destructor* made = destructor_of(object);
    follow(object, std::move(name), std::move(message), caller, made);
    // Its later rethrows pass it on.
    if (made != nullptr) made->thrown = true;
  } catch (...) {  // out of memory: this throw is not recorded
  }
}

// libstdc++'s std::current_exception, which ours (below) hides.
std::exception_ptr next_current_exception() noexcept {
  using CurrentException = std::exception_ptr() noexcept;
  static std::atomic<void*> slot{nullptr};
  return next_symbol<CurrentException>("_ZSt17current_exceptionv", slot)();
}

// The thrown object itself: libstdc++'s exception_ptr is one pointer to it.
void* thrown_object(const std::exception_ptr& p) noexcept {
  static_assert(sizeof p == sizeof(void*), "libstdc++'s exception_ptr: the thrown object");
  void* object = nullptr;
  std::memcpy(&object, &p, sizeof object);
  return object;
}

// The exception object's destructor, as the C++ runtime calls it when the last reference
// (the throw, a catch, an exception_ptr) goes. Still travelling then, it was captured and
// dropped uncaught — the exception_ptr a `detached` co_spawn's handler ignores, say: lost.
void destroy_thrown(void* object) {
  void (*destroy)(void*) = nullptr;
  {
    Quiet quiet;
    std::lock_guard lock(g_mutex);
    if (Destructor* d = destructor_of(object)) {
      destroy = d->destroy;
      *d = Destructor{};
    }
    // Captured and dropped: lost, unless the task's end was awaited — the awaiting
    // operation received it and chose to drop it (the cancelled loser of `a || b`).
    if (Travelling* t = find_travelling(object))
      emit(*t, !(t->captured || t->was_captured) ? format::ExceptionFate::unknown
               : t->awaited                      ? format::ExceptionFate::propagated
                                                 : format::ExceptionFate::lost);
  }
  if (destroy != nullptr) destroy(object);
}

// The thrown object of the exception being caught on this thread. __cxa_begin_catch gives
// the object adjusted to the handler's type, which differs for a base class at an offset
// (`catch (std::exception&)` of a boost::wrapexcept, whose first base is another class);
// libstdc++'s exception_ptr holds the thrown object itself, in its one pointer.
void* thrown_object_being_caught(void* adjusted) noexcept {
  void* object = thrown_object(next_current_exception());
  return object != nullptr ? object : adjusted;  // a foreign exception: no exception_ptr
}

}  // namespace

bool exception_leaves_task(bool dropped) noexcept {
  if (g_count.load(std::memory_order_relaxed) == 0) return false;
  Quiet quiet;
  std::lock_guard lock(g_mutex);
  Travelling* t = find_travelling(caught_top());
  if (t == nullptr) return false;
  emit(*t, dropped ? format::ExceptionFate::lost : format::ExceptionFate::propagated);
  return true;
}

void lock_exceptions_for_fork() noexcept {
  g_mutex.lock();
}

void unlock_exceptions_after_fork() noexcept {
  g_mutex.unlock();
}

void flush_travelling_exceptions() noexcept {
  Quiet quiet;
  std::lock_guard lock(g_mutex);
  for (Travelling& t : g_table)
    if (t.object != nullptr) emit(t, format::ExceptionFate::unknown);
}

}  // namespace coscope::checks

// next_abi(__cxa_rethrow): the definition ours hides (one cache per call site).
#define next_abi(fn)                                                \
  ([]() noexcept {                                                  \
    static std::atomic<void*> slot{nullptr};                        \
    return ::coscope::checks::next_symbol<decltype(fn)>(#fn, slot); \
  }())

// Defined in the ABI's own namespace, as <cxxabi.h> declares them (extern "C": the namespace
// does not change their symbol names).
namespace __cxxabiv1 {
using namespace coscope::checks;
namespace tracer = coscope::tracer;
namespace format = coscope::format;

extern "C" {

void __cxa_throw(void* object, std::type_info* type, void (*destroy)(void*)) {
  if (watching(kExceptions) && record_throw(object, type, destroy, __builtin_return_address(0)))
    destroy = &destroy_thrown;
  next_abi(__cxa_throw)(object, type, destroy);
  __builtin_unreachable();
}

// std::make_exception_ptr's (libstdc++ calls it from __cxa_throw too, with our destructor
// already in place when that throw is followed).
__cxa_refcounted_exception* __cxa_init_primary_exception(void* object, std::type_info* type,
                                                         void (*destroy)(void*)) noexcept {
  if (destroy != &destroy_thrown && watching(kExceptions) && keep_made(object, destroy))
    destroy = &destroy_thrown;
  return next_abi(__cxa_init_primary_exception)(object, type, destroy);
}

void* __cxa_begin_catch(void* header) noexcept {
  void* const adjusted = next_abi(__cxa_begin_catch)(header);
  void* object = adjusted;
  const bool following = g_count.load(std::memory_order_relaxed) != 0 && t_quiet == 0;
  if (following) object = thrown_object_being_caught(adjusted);
  int d = t_caught_depth++;
  if (d < kMaxCaught) t_caught[d] = object;
  if (following) {
    Quiet quiet;
    std::lock_guard lock(g_mutex);
    if (Travelling* t = find_travelling(object)) {
      ++t->handlers;
      t->rethrown = false;
    }
  }
  return adjusted;
}

void __cxa_end_catch() {
  void* object = caught_top();
  if (t_caught_depth > 0) --t_caught_depth;
  if (g_count.load(std::memory_order_relaxed) != 0 && t_quiet == 0 && tracer::active()) {
    Quiet quiet;
    std::lock_guard lock(g_mutex);
    Travelling* t = find_travelling(object);
    if (t != nullptr && --t->handlers <= 0 && !t->rethrown) {
      if (t->captured) {  // kept in an exception_ptr: it travels on
        t->captured = false;
        t->was_captured = true;
      } else {
        emit(*t,
             t->was_captured ? format::ExceptionFate::propagated : format::ExceptionFate::handled);
      }
    }
  }
  next_abi(__cxa_end_catch)();
}

void __cxa_rethrow() {
  if (g_count.load(std::memory_order_relaxed) != 0 && t_quiet == 0) {
    Quiet quiet;
    std::lock_guard lock(g_mutex);
    if (Travelling* t = find_travelling(caught_top())) t->rethrown = true;
  }
  next_abi(__cxa_rethrow)();
  __builtin_unreachable();
}

}  // extern "C"
}  // namespace __cxxabiv1

using namespace coscope::checks;

// An exception made without a throw (std::make_exception_ptr: Asio turns every error of a
// use_awaitable operation into one) is first thrown here, in the task that awaited it.
void std::rethrow_exception(std::exception_ptr p) {
  using Rethrow = void(std::exception_ptr);
  static std::atomic<void*> slot{nullptr};
  if (p && watching(kExceptions))
    record_rethrow(thrown_object(p), p.__cxa_exception_type(), __builtin_return_address(0));
  next_symbol<Rethrow>("_ZSt17rethrow_exceptionNSt15__exception_ptr13exception_ptrE",
                       slot)(std::move(p));
  __builtin_unreachable();
}

// Every coroutine promise's unhandled_exception() takes the exception this way: from here on
// it travels to the awaiter (or the completion handler) instead of ending in this catch.
std::exception_ptr std::current_exception() noexcept {
  if (g_count.load(std::memory_order_relaxed) != 0 && t_quiet == 0) {
    Quiet quiet;
    std::lock_guard lock(g_mutex);
    if (Travelling* t = find_travelling(caught_top())) t->captured = true;
  }
  return next_current_exception();
}

extern "C" const char coscope_exceptions_anchor = 0;
