// Interposes the C++ ABI's throw and catch entry points (libstdc++/libsupc++ names) and
// std::current_exception to follow each exception thrown inside a task until its fate is known.
#include "exceptions.hpp"

#include <cxxabi.h>

#include <array>
#include <exception>
#include <mutex>
#include <string>
#include <typeinfo>

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
  std::uint64_t age = 0;
};

constexpr std::size_t kTableSize = 32;
std::mutex g_mutex;
std::array<Travelling, kTableSize> g_table;
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

void record_throw(void* object, std::type_info* type, const void* caller) noexcept {
  Quiet quiet;
  try {
    std::string name = type == nullptr ? "unknown" : tracer::detail::demangle(type->name());
    std::string message = what_of(object, type);
    std::lock_guard lock(g_mutex);
    Travelling& t = free_entry();
    t.object = object;
    t.task = tracer::current_task();
    t.type = std::move(name);
    t.message = std::move(message);
    capture_from(t.stack, caller);
    t.handlers = 0;
    t.captured = t.was_captured = t.rethrown = false;
    t.age = ++g_clock;
    g_count.fetch_add(1, std::memory_order_relaxed);
  } catch (...) {  // out of memory: this throw is not recorded
  }
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
  if (watching(kExceptions)) record_throw(object, type, __builtin_return_address(0));
  next_abi(__cxa_throw)(object, type, destroy);
  __builtin_unreachable();
}

void* __cxa_begin_catch(void* header) noexcept {
  void* object = next_abi(__cxa_begin_catch)(header);
  int d = t_caught_depth++;
  if (d < kMaxCaught) t_caught[d] = object;
  if (g_count.load(std::memory_order_relaxed) != 0 && t_quiet == 0) {
    Quiet quiet;
    std::lock_guard lock(g_mutex);
    if (Travelling* t = find_travelling(object)) {
      ++t->handlers;
      t->rethrown = false;
    }
  }
  return object;
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

namespace {
using CurrentException = std::exception_ptr() noexcept;
std::atomic<void*> g_next_current_exception{nullptr};
}  // namespace

// Every coroutine promise's unhandled_exception() takes the exception this way: from here on
// it travels to the awaiter (or the completion handler) instead of ending in this catch.
std::exception_ptr std::current_exception() noexcept {
  if (g_count.load(std::memory_order_relaxed) != 0 && t_quiet == 0) {
    Quiet quiet;
    std::lock_guard lock(g_mutex);
    if (Travelling* t = find_travelling(caught_top())) t->captured = true;
  }
  return next_symbol<CurrentException>("_ZSt17current_exceptionv", g_next_current_exception)();
}

extern "C" const char coscope_exceptions_anchor = 0;
