// The tracer's calls into the dynamic loader's module list (dl_iterate_phdr, and libunwind,
// which calls it and takes a lock of its own) pass this gate. glibc's fork() does not reset
// the lock dl_iterate_phdr holds: a thread of ours inside it while another thread forks leaves
// the child's first call — a trace started in the child, its first stack — waiting for ever.
// fork()'s prepare handler closes the gate and waits until no thread is inside.
#pragma once

namespace coscope::tracer::detail {

// True when the caller may go in (it then calls leave_dl_gate()); false while a fork is
// being prepared: the caller does without (it may hold a lock the fork handlers want, so it
// must not wait). Async-signal-safe.
bool try_enter_dl_gate() noexcept;
// Waits while a fork is being prepared. Only for a thread holding none of the tracer's locks.
void enter_dl_gate() noexcept;
void leave_dl_gate() noexcept;

// fork() handlers (fork.cpp).
void close_dl_gate_for_fork() noexcept;
void open_dl_gate_after_fork() noexcept;

// In the gate for a scope: by default only if it is open (see try_enter_dl_gate()).
class DlGate {
 public:
  enum Mode { skip_while_forking, wait_while_forking };
  explicit DlGate(Mode mode = skip_while_forking) noexcept
      : inside_(mode == skip_while_forking ? try_enter_dl_gate() : (enter_dl_gate(), true)) {}
  ~DlGate() {
    if (inside_) leave_dl_gate();
  }
  DlGate(const DlGate&) = delete;
  DlGate& operator=(const DlGate&) = delete;
  bool inside() const noexcept { return inside_; }

 private:
  bool inside_;
};

}  // namespace coscope::tracer::detail
