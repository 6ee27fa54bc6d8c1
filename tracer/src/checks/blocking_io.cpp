// File and socket calls that block: on a descriptor without O_NONBLOCK (checked with fcntl,
// only inside a task), fsync/fdatasync always, polls with a timeout, and opening a regular
// file. Asio's sockets and its eventfd are non-blocking, so its own I/O is never a finding.
#include <fcntl.h>
#include <poll.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include <cerrno>
#include <cstdarg>
#include <cstdio>

#include "blocking_probe.hpp"
#include "next_symbol.hpp"

using coscope::checks::blocking_descriptor;
using coscope::checks::BlockingProbe;

namespace {

// The probe for a call on `fd`: armed only when the descriptor would block.
struct FdProbe : BlockingProbe {
  FdProbe(const char* function, const void* caller, int fd, bool dont_wait = false)
      : BlockingProbe(function, caller) {
    if (armed() && (dont_wait || !blocking_descriptor(fd))) disarm();
  }
};

template <typename R>
R reported(FdProbe& probe, R result) {
  int saved = errno;
  probe.report();
  errno = saved;
  return result;
}

int open_mode(int flags, va_list args) {
  return (flags & O_CREAT) != 0 || (flags & O_TMPFILE) == O_TMPFILE ? va_arg(args, int) : 0;
}

// Opening a regular file may wait for the disk; sockets, pipes and devices are not reported.
int after_open(BlockingProbe& probe, int fd) {
  if (fd >= 0 && probe.armed()) {
    int saved = errno;
    struct stat st {};
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) probe.report();
    errno = saved;
  }
  return fd;
}

}  // namespace

#define COSCOPE_FD_CALL(fn, fd, dont_wait, ...)            \
  COSCOPE_UNLESS_WATCHING(fn, __VA_ARGS__);                \
  const void* caller = __builtin_return_address(0);        \
  return coscope::checks::watched([=] {                    \
    FdProbe probe(#fn, caller, fd, dont_wait);             \
    return reported(probe, COSCOPE_NEXT(fn)(__VA_ARGS__)); \
  })

extern "C" {

ssize_t read(int fd, void* buffer, size_t size) {
  COSCOPE_FD_CALL(read, fd, false, fd, buffer, size);
}
ssize_t write(int fd, const void* buffer, size_t size) {
  COSCOPE_FD_CALL(write, fd, false, fd, buffer, size);
}
ssize_t readv(int fd, const iovec* iov, int count) {
  COSCOPE_FD_CALL(readv, fd, false, fd, iov, count);
}
ssize_t writev(int fd, const iovec* iov, int count) {
  COSCOPE_FD_CALL(writev, fd, false, fd, iov, count);
}
ssize_t pread(int fd, void* buffer, size_t size, off_t offset) {
  COSCOPE_FD_CALL(pread, fd, false, fd, buffer, size, offset);
}
ssize_t pwrite(int fd, const void* buffer, size_t size, off_t offset) {
  COSCOPE_FD_CALL(pwrite, fd, false, fd, buffer, size, offset);
}
ssize_t recv(int fd, void* buffer, size_t size, int flags) {
  COSCOPE_FD_CALL(recv, fd, (flags & MSG_DONTWAIT) != 0, fd, buffer, size, flags);
}
ssize_t recvfrom(int fd, void* buffer, size_t size, int flags, sockaddr* from,
                 socklen_t* from_size) {
  COSCOPE_FD_CALL(recvfrom, fd, (flags & MSG_DONTWAIT) != 0, fd, buffer, size, flags, from,
                  from_size);
}
ssize_t recvmsg(int fd, msghdr* message, int flags) {
  COSCOPE_FD_CALL(recvmsg, fd, (flags & MSG_DONTWAIT) != 0, fd, message, flags);
}
ssize_t send(int fd, const void* buffer, size_t size, int flags) {
  COSCOPE_FD_CALL(send, fd, (flags & MSG_DONTWAIT) != 0, fd, buffer, size, flags);
}
ssize_t sendto(int fd, const void* buffer, size_t size, int flags, const sockaddr* to,
               socklen_t to_size) {
  COSCOPE_FD_CALL(sendto, fd, (flags & MSG_DONTWAIT) != 0, fd, buffer, size, flags, to, to_size);
}
ssize_t sendmsg(int fd, const msghdr* message, int flags) {
  COSCOPE_FD_CALL(sendmsg, fd, (flags & MSG_DONTWAIT) != 0, fd, message, flags);
}
int connect(int fd, const sockaddr* address, socklen_t size) {
  COSCOPE_FD_CALL(connect, fd, false, fd, address, size);
}
int accept(int fd, sockaddr* address, socklen_t* size) {
  COSCOPE_FD_CALL(accept, fd, false, fd, address, size);
}
int accept4(int fd, sockaddr* address, socklen_t* size, int flags) {
  COSCOPE_FD_CALL(accept4, fd, false, fd, address, size, flags);
}

int fsync(int fd) {
  COSCOPE_UNLESS_WATCHING(fsync, fd);
  BlockingProbe probe("fsync", __builtin_return_address(0));
  int r = COSCOPE_NEXT(fsync)(fd);
  probe.report();
  return r;
}
int fdatasync(int fd) {
  COSCOPE_UNLESS_WATCHING(fdatasync, fd);
  BlockingProbe probe("fdatasync", __builtin_return_address(0));
  int r = COSCOPE_NEXT(fdatasync)(fd);
  probe.report();
  return r;
}

int poll(pollfd* fds, nfds_t count, int timeout_ms) {
  COSCOPE_UNLESS_WATCHING(poll, fds, count, timeout_ms);
  BlockingProbe probe("poll", __builtin_return_address(0));
  if (timeout_ms == 0) probe.disarm();
  int r = COSCOPE_NEXT(poll)(fds, count, timeout_ms);
  probe.report();
  return r;
}
int select(int count, fd_set* readable, fd_set* writable, fd_set* failed, timeval* timeout) {
  COSCOPE_UNLESS_WATCHING(select, count, readable, writable, failed, timeout);
  BlockingProbe probe("select", __builtin_return_address(0));
  if (timeout != nullptr && timeout->tv_sec == 0 && timeout->tv_usec == 0) probe.disarm();
  int r = COSCOPE_NEXT(select)(count, readable, writable, failed, timeout);
  probe.report();
  return r;
}

int open(const char* path, int flags, ...) {
  va_list args;
  va_start(args, flags);
  int mode = open_mode(flags, args);
  va_end(args);
  COSCOPE_UNLESS_WATCHING(open, path, flags, mode);
  BlockingProbe probe("open", __builtin_return_address(0));
  return after_open(probe, COSCOPE_NEXT(open)(path, flags, mode));
}
int open64(const char* path, int flags, ...) {
  va_list args;
  va_start(args, flags);
  int mode = open_mode(flags, args);
  va_end(args);
  COSCOPE_UNLESS_WATCHING(open64, path, flags, mode);
  BlockingProbe probe("open64", __builtin_return_address(0));
  return after_open(probe, COSCOPE_NEXT(open64)(path, flags, mode));
}
int openat(int dir, const char* path, int flags, ...) {
  va_list args;
  va_start(args, flags);
  int mode = open_mode(flags, args);
  va_end(args);
  COSCOPE_UNLESS_WATCHING(openat, dir, path, flags, mode);
  BlockingProbe probe("openat", __builtin_return_address(0));
  return after_open(probe, COSCOPE_NEXT(openat)(dir, path, flags, mode));
}
FILE* fopen(const char* path, const char* mode) {
  COSCOPE_UNLESS_WATCHING(fopen, path, mode);
  BlockingProbe probe("fopen", __builtin_return_address(0));
  FILE* f = COSCOPE_NEXT(fopen)(path, mode);
  if (f != nullptr) after_open(probe, ::fileno(f));
  return f;
}

}  // extern "C"

extern "C" const char coscope_blocking_io_anchor = 0;
