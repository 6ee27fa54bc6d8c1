// fork() while tracing: the child process has one thread, the one that forked. Left alone, it
// would record into rings that no writer drains and, at exit, wait forever to join the
// parent's writer thread. The child stops tracing instead (the parent's trace goes on); it
// can start its own trace with coscope::start().
#pragma once

namespace coscope::tracer::detail {

// Installs the fork handlers (pthread_atfork), once per process.
void watch_forks() noexcept;

}  // namespace coscope::tracer::detail
