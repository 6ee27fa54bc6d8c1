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

// COSCOPE_NEXT(read)(fd, buffer, size) calls the read that ours hides.
#define COSCOPE_NEXT(fn)                                              \
  ([]() noexcept {                                                    \
    static std::atomic<void*> slot{nullptr};                          \
    return ::coscope::checks::next_symbol<decltype(::fn)>(#fn, slot); \
  }())
