// Reads a small kernel file (/proc, /sys) with system calls, not the C library's open/read:
// the tracer reads them inside a task's resume, where the runtime checks' interposed open/read
// would take the tracer's read for the program's blocking call.
#pragma once

#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cstddef>

namespace coscope::tracer::detail {

// Up to `size - 1` bytes of `path` into `text`, NUL-terminated; false when unreadable or empty.
inline bool read_small_file(const char* path, char* text, std::size_t size) noexcept {
  const long fd = ::syscall(SYS_openat, AT_FDCWD, path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  const long n = ::syscall(SYS_read, fd, text, size - 1);
  ::syscall(SYS_close, fd);
  if (n <= 0) return false;
  text[n] = '\0';
  return true;
}

}  // namespace coscope::tracer::detail
