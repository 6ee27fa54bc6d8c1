// The definition an interposer wraps: the next one in symbol lookup order after ours (a
// sanitizer's interceptor when there is one, else libc's), found once with dlsym(RTLD_NEXT).
#pragma once

#include <dlfcn.h>

#include <atomic>

namespace coscope::checks {

template <typename F>
F* next_symbol(const char* name, std::atomic<void*>& slot) noexcept {
  void* p = slot.load(std::memory_order_acquire);
  if (p == nullptr) {
    p = ::dlsym(RTLD_NEXT, name);
    slot.store(p, std::memory_order_release);
  }
  return reinterpret_cast<F*>(p);
}

}  // namespace coscope::checks

namespace coscope::checks {
// The next definition of `Fn`, once found: one slot per function, shared by an interposer's
// pass-through test (COSCOPE_UNLESS_WATCHING) and its watched path.
template <auto Fn>
inline constinit std::atomic<void*> g_next{nullptr};
}  // namespace coscope::checks

// COSCOPE_NEXT(read)(fd, buffer, size) calls the read that ours hides.
#define COSCOPE_NEXT(fn) \
  ::coscope::checks::next_symbol<decltype(::fn)>(#fn, ::coscope::checks::g_next<&::fn>)
