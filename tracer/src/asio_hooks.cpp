// Maps Asio's handler-tracking hooks to the task model (docs/tracer.md, "What is recorded"):
//   spawn    LOCATION "co_spawn_entry_point" with a frame no live task owns
//   suspend  CREATION of the first handler under a LOCATION that carries the task's frame
//   wake     the reactor performed the operation, or the handler was posted, or (timers and
//            the rest) it is dequeued; resume/end: the handler's invocation
//   complete when a task is quiet (not running, no handler pending) after its body returned,
//            or, without the drop-in co_spawn, when it is quiet awaiting no child (inferred)
#include <atomic>
#include <cstddef>
#include <cstring>
#include <utility>

#include "asio_frames.hpp"
#include "asio_tasks.hpp"
#include "checks/lost_tasks.hpp"
#include "coscope/asio/hooks.hpp"
#include "running.hpp"
#include "session.hpp"

namespace coscope::asio_hooks {
namespace {

using tracer::RawStack;

enum State : std::uint8_t {
  kPlain = 0,   // no task, or its suspension turned out to complete inline
  kSpawn,       // the scope of a task's first LOCATION
  kSuspending,  // the task's coroutine suspended; its operation is being started
  kSuspended,   // the operation's first handler was created
  kSpawnRan,    // a task's first dispatch ran it inline, inside its spawn scope
  kInline,      // the operation completed inline (its handler ran): the task runs on
  // The task's coroutine suspended awaiting children it spawns in this scope (a parallel
  // group, an awaited co_spawn): its suspension and the end of its resume are recorded (see
  // spawn()); what runs in the scope now is Asio starting them.
  kAwaitsChildren,
};

// What a task awaits when Asio creates no handler for it: a parallel group (awaitable
// operators), an awaited co_spawn, a deferred composition.
constexpr const char* kUntrackedObject = "await";
constexpr const char* kUntrackedOp = "untracked";

thread_local location* t_scope = nullptr;
thread_local int t_invocations = 0;
// The innermost handler invocation on this thread that is running its task (pushed_).
thread_local completion* t_invoking = nullptr;
// Parents to re-check once the outermost invocation ends: a child's completion handler may
// resume its parent, which then must not be taken for finished.
constexpr int kMaxRechecks = 64;
thread_local Task* t_rechecks[kMaxRechecks];
thread_local int t_recheck_count = 0;

struct Announcement {
  bool set = false;
  std::uint64_t coroutine = 0;
  tracer::StaticLocation where;
};
thread_local Announcement t_announced;

void complete(Task* t, format::CompletionStatus status);

// Tasks suspended on something Asio does not track (Task::waits_untracked): a program's own
// primitive built on async_initiate keeps the task's handler (an awaitable_handler, which
// holds the task's entry frame) and later posts or dispatches it. The operation Asio creates
// then holds that pointer, and the creation hook finds it there (continuation_in()). The
// entry frames sit in the lowest free slots, so a scan stops at the high-water mark.
constexpr int kUntrackedSlots = 64;
std::atomic<const void*> g_untracked[kUntrackedSlots];
std::atomic<int> g_untracked_high{0};   // slots below it may be in use
std::atomic<int> g_untracked_count{0};  // slots in use

void wait_untracked(Task* t) {
  if (t->waits_untracked.exchange(true)) return;
  for (int i = 0; i < kUntrackedSlots; ++i) {
    const void* expected = nullptr;
    if (g_untracked[i].compare_exchange_strong(expected, t->entry_frame)) {
      int high = g_untracked_high.load();
      while (high < i + 1 && !g_untracked_high.compare_exchange_weak(high, i + 1)) {
      }
      g_untracked_count.fetch_add(1, std::memory_order_release);
      return;
    }
  }
  // No slot left: still not taken for finished; its continuation is charged to its poster.
}

void stop_waiting_untracked(Task* t) {
  if (!t->waits_untracked.load(std::memory_order_relaxed) || !t->waits_untracked.exchange(false))
    return;
  const int high = g_untracked_high.load();
  for (int i = 0; i < high; ++i) {
    const void* expected = t->entry_frame;
    if (g_untracked[i].compare_exchange_strong(expected, nullptr)) {
      g_untracked_count.fetch_sub(1, std::memory_order_release);
      return;
    }
  }
}

// The task waiting untracked whose entry frame `word` is, retained; nullptr if none.
Task* waiting_untracked(const void* word, int high) {
  if (word == nullptr) return nullptr;
  for (int i = 0; i < high; ++i) {
    if (g_untracked[i].load(std::memory_order_relaxed) != word) continue;
    Task* t = tasks().find(word);
    if (t != nullptr && t->waits_untracked.load()) return t;
    if (t != nullptr) tasks().release(t);
    return nullptr;
  }
  return nullptr;
}

// The waiting task whose continuation the operation `op` holds, retained; nullptr if none.
// An awaitable_handler starts with the task's entry frame: it is one of the operation's
// words, or the first word of the type-erased function the operation runs.
Task* continuation_in(const void* op, std::size_t size, ErasedFunction erased) {
  const int high = g_untracked_high.load(std::memory_order_acquire);
  const auto* words = static_cast<const void* const*>(op);
  for (std::size_t w = 0; w < size / sizeof(void*); ++w)
    if (Task* t = waiting_untracked(words[w], high)) return t;
  const void* function = erased == nullptr ? nullptr : erased(op);
  return function == nullptr ? nullptr
                             : waiting_untracked(*static_cast<const void* const*>(function), high);
}

bool is_spawn_entry(const location_args& where) {
  return where.function != nullptr && std::strcmp(where.function, "co_spawn_entry_point") == 0;
}

// Operations whose handler is runnable as soon as it exists (post, dispatch, defer, execute).
bool names_immediate(const char* op_name) {
  auto starts = [op_name](const char* prefix) {
    return std::strncmp(op_name, prefix, std::strlen(prefix)) == 0;
  };
  switch (op_name[0]) {
    case 'e':
      return starts("execute");
    case 'd':
      return starts("dispatch") || starts("defer");
    case 'p':
      return starts("post");
    case 'b':
      return starts("bulk");
    default:
      return false;
  }
}

// Every suspension asks, nearly always with the name of the thread's previous one (Asio's
// names are literals): the answer for that pointer is kept.
thread_local const char* t_last_op = nullptr;
thread_local bool t_last_immediate = false;

bool is_immediate(const char* op_name) {
  if (op_name == nullptr) return false;
  if (op_name != t_last_op) {
    t_last_immediate = names_immediate(op_name);
    t_last_op = op_name;
  }
  return t_last_immediate;
}

// The innermost task of this thread's running stack, as the hooks last saw it.
Task* top_asio_task() {
  const tracer::RunningTask* top = tracer::detail::top_running();
  if (top == nullptr || top->walker != &walk_task) return nullptr;
  return static_cast<Task*>(const_cast<void*>(top->context));
}

Task* catch_up_resumed_parent(Task* t);

// The task whose code runs on this thread now: the innermost one, unless it is a child whose
// completion has just resumed its parent inline (see catch_up_resumed_parent()). Not for
// end_here(): see there.
Task* running_asio_task() {
  Task* t = top_asio_task();
  if (t != nullptr && t->awaited) [[unlikely]]
    return catch_up_resumed_parent(t);
  return t;
}

// `also` is a change of t's counts made in the same atomic instruction (invoke: the handler
// stops being pending); `woken`: t became runnable this instant (one record for both).
void resume_here(Task* t, std::uint64_t also = 0, bool woken = false) {
  stop_waiting_untracked(t);
  t->suspend_recorded.store(false, std::memory_order_relaxed);
  t->frames_unverified.store(false, std::memory_order_relaxed);
  if (t->awaits_children.load(std::memory_order_relaxed)) [[unlikely]]
    t->awaits_children.store(false, std::memory_order_relaxed);
  const std::uint64_t now = tracer::record_resume(t->id, woken);
  if (tracer::detail::push({t->id, &walk_task, t}, now))
    t->add(counts::kRunning + also);
  else if (also != 0)
    t->add(also);
}

// A task suspended awaiting its children (a parallel group of awaitable operators, an awaited
// co_spawn) is resumed by the completion of the last one: its co_spawn_entry_point dispatches
// the completion handler, which runs inline on the child's thread and pumps the parent's frames
// (Asio's awaitable_async_op_handler, awaitable_handler) — through no hook. So when that child's
// body is over (its top frame is its entry frame again: co_spawn_entry_point is delivering the
// result) and code asks which task runs (a creation, a spawn, a throw), the code is the
// parent's — which may be suspending again already, on a `deferred` operation whose creation
// is the only hook. Only while that child is the last awaited one: nothing else can resume the
// parent meanwhile. The parent's frames are never read here: it may have run to its end inline,
// through no hook either, before the child's last steps ask; for the same reason its awaiters
// are not walked while it runs from a catch-up (frames_unverified), and the grandparent it may
// resume in turn is not looked for. Never at the end of a resume (end_here()).
Task* catch_up_resumed_parent(Task* t) {
  Task* p = t->parent;
  if (t->frames_unverified.load(std::memory_order_relaxed) ||
      !p->awaits_children.load(std::memory_order_relaxed) ||
      p->awaited_children.load(std::memory_order_acquire) != 1 || t->top_of_stack == nullptr ||
      t->top_of_stack(t->entry_frame) != t->entry_frame ||
      counts::running(p->load_counts()) != 0)  // still running its first resume elsewhere
    return t;
  resume_here(p, 0, true);
  p->frames_unverified.store(true, std::memory_order_relaxed);
  return p;
}

void try_name_running(Task* t);

// Where `t` runs, learnt before it first runs (its first dispatch's context, or its spawner's
// when that dispatch ran it inline), and whether that makes it offloaded work.
void set_context(Task* t, const void* context) {
  t->context = context;
  const Task* p = t->parent;
  if (p == nullptr || context == nullptr) return;
  if ((t->awaited && p->context != nullptr && p->context != context) ||
      (p->offloaded.load(std::memory_order_relaxed) && p->context == context))
    t->offloaded.store(true, std::memory_order_relaxed);
}

bool asio_task_off_loop(const tracer::RunningTask& r) noexcept {
  return r.walker == &walk_task &&
         static_cast<const Task*>(r.context)->offloaded.load(std::memory_order_relaxed);
}

// Called where the checks are about to record something of the running task (a throw, a
// blocking call): a task that never suspends is named now, while its frames are there.
void catch_up_asio_tasks() noexcept {
  if (Task* top = top_asio_task(); top != nullptr && frames_elsewhere(top)) return;
  Task* t = running_asio_task();
  if (t != nullptr && !t->frames_unverified.load(std::memory_order_relaxed)) try_name_running(t);
}

bool running_asio_task_awaited() noexcept {
  const Task* t = top_asio_task();
  return t != nullptr && t->awaited;
}

void check_complete(Task* t, format::CompletionStatus status, bool destroyed = false) {
  if (t->completed.load()) return;
  // One load: completion::invoke() turns a pending handler into a running thread in one
  // instruction, so a handler being invoked is always seen as one or the other.
  const std::uint64_t c = t->load_counts();
  if (counts::pending(c) > 0 || counts::running(c) > 0) return;
  // Without the drop-in, a task whose body may still run is one awaiting children (a
  // parallel group, an awaited co_spawn): their ends resume it through no hook. Children it
  // left detached do not keep it alive.
  if (!destroyed && !t->finished.load(std::memory_order_acquire) &&
      (t->exact || t->awaited_children.load(std::memory_order_acquire) > 0 ||
       t->waits_untracked.load(std::memory_order_acquire)))
    return;
  complete(t, status);
}

// A LOCATION scope of a task running on its thread borrows the task instead of holding a
// reference (two atomic instructions per suspension saved): while it runs here it cannot
// complete, and its reference of being alive is released only at completion. When the task
// stops running here with such scopes still open, they take a reference each, in the same
// instruction that lowers its running count — except the scope it suspended in, which uses
// its task no more, but to attach another handler, and finds it again for that (see
// on_creation()).
std::uint64_t own_borrowing_scopes(const Task* t) {
  std::uint64_t refs = 0;
  for (location* s = t_scope; s != nullptr; s = s->outer_)
    if (s->task_ == t && s->borrowed_ && s->state_ != kSuspended) {
      s->borrowed_ = false;
      refs += counts::kRef;
    }
  return refs;
}

// Ends, on this thread, the running of `t` and of every task above it (those ran inline and
// may have completed: their frames are not walked any more). `t`'s frames are alive when it
// has just suspended, not when its invocation merely ended. `end_recorded`: t's suspension
// record also stands for the end of its resume, recorded at `now` (ticks). `also`: a change
// of t's counts made in the same atomic instruction.
void end_here(Task* t, bool frames_alive = true, bool end_recorded = false, std::uint64_t also = 0,
              std::uint64_t now = 0) {
  while (Task* u = top_asio_task()) {
    if (u != t || !frames_alive) tracer::forget_awaiters(u->id);
    tracer::detail::pop(u->id, u == t ? now : 0);
    // Stamped before the running count drops: another thread that then resumes u (a parent
    // caught up by its child, see catch_up_resumed_parent()) stamps its resume after this end.
    if (u != t || !end_recorded) tracer::record_resume_end(u->id);
    u->add(own_borrowing_scopes(u) - counts::kRunning + (u == t ? also : 0));
    if (u == t) return;
    check_complete(u, format::CompletionStatus::ok);
  }
}

void recheck_later(Task* parent) {
  if (t_invocations > 0 && t_recheck_count < kMaxRechecks) {
    tasks().retain(parent);
    t_rechecks[t_recheck_count++] = parent;
  } else {
    check_complete(parent, format::CompletionStatus::ok);
  }
}

void run_rechecks() {
  while (t_recheck_count > 0) {
    Task* parent = t_rechecks[--t_recheck_count];
    check_complete(parent, format::CompletionStatus::ok);
    tasks().release(parent);
  }
}

void complete(Task* t, format::CompletionStatus status) {
  if (t->completed.exchange(true)) return;
  stop_waiting_untracked(t);
  if (!t->named.exchange(true)) tracer::settle_name(t->id, 0);  // release the writer's wait
  if (t->finished.load(std::memory_order_acquire) && !t->exception_type.empty()) {
    format::TaskComplete e;
    e.task = t->id;
    e.status = t->status;
    e.exception_type = tracer::intern(t->exception_type);
    e.message = t->message;
    tracer::emit(std::move(e));
  } else {
    tracer::record_complete(t->id, t->finished.load() ? t->status : status);
  }
  tasks().forget(t);
  if (Task* parent = t->parent) {
    if (t->awaited && parent->awaited_children.fetch_sub(1, std::memory_order_acq_rel) == 1 &&
        status == format::CompletionStatus::ok &&
        parent->awaits_children.load(std::memory_order_relaxed) &&
        counts::running(parent->load_counts()) == 0) {  // not still spawning on another thread
      // The last awaited child's end resumed its parent inline (see catch_up_resumed_parent())
      // and nothing of the parent's was seen: it ran to its end, or to a wait no hook sees. Its
      // resume is recorded now, without the time it took (the child's resume holds it).
      parent->awaits_children.store(false, std::memory_order_relaxed);
      tracer::record_resume(parent->id, true);
      tracer::record_resume_end(parent->id);
    }
    parent->live_children.fetch_sub(1);
    recheck_later(parent);
  }
  tasks().release(t);  // the reference of being alive
}

// What a handler attached to its task adds to the task's counts.
constexpr std::uint64_t kHandlerCounts = counts::kRef + counts::kPending;

// Gives `h` to `t`; the caller adds kHandlerCounts to t's counts before the handler can run
// (suspend() does it in the instruction that ends t's running).
void attach_uncounted(tracked_handler& h, Task* t, const char* object_type, const char* op_name) {
  h.coscope_task_ = t;
  h.coscope_object_type_ = object_type;
  h.coscope_op_name_ = op_name;
  h.coscope_woken_ = false;
}

void attach(tracked_handler& h, Task* t, const char* object_type, const char* op_name) {
  t->add(kHandlerCounts);
  attach_uncounted(h, t, object_type, op_name);
}

// Names the task after its coroutine once a chain from `frame` reaches inside the entry frame
// (the drop-in's wrapper sits between them).
void try_name(Task* t, const void* frame) {
  if (frame == nullptr || t->named.load()) return;
  std::uint64_t coroutine = task_coroutine(frame, t->exact ? 2 : 1);
  if (coroutine != 0 && !t->named.exchange(true)) tracer::settle_name(t->id, coroutine);
}

void try_name_running(Task* t) {
  if (t->named.load() || t->top_of_stack == nullptr) return;
  try_name(t, t->top_of_stack(t->entry_frame));
}

void record_lost_tasks() {
  for (Task* t : tasks().alive()) {
    // A task suspended on something the tracer could not follow may have been resumed and
    // run to its end through no hook (a program's primitive that called its handler itself):
    // its fate is unknown, not lost — unless the drop-in co_spawn reports its end. The trace
    // shows it suspended on `await.untracked`.
    if (!t->completed.load() && !t->reported_lost.load() &&
        (!t->waits_untracked.load() || t->exact)) {
      RawStack stack;
      format::LostReason reason = checks::describe_lost(*t, stack);
      bool with_stack = tracer::stack_mode() != StackMode::off && stack.awaiters > 0;
      tracer::record_lost(t->id, reason, with_stack ? &stack : nullptr);
    }
    // The session ends: its tasks are not the next one's. (A frame of one reused in the next
    // session would complete it there, into a trace that never spawned its id.) The
    // reference of being alive is given back unless the task runs now: its running scopes
    // may borrow it (see own_borrowing_scopes()); such a Task is then never reused.
    if (!t->completed.exchange(true)) {
      stop_waiting_untracked(t);
      tasks().forget(t);
      if (counts::running(t->load_counts()) == 0) tasks().release(t);
    }
    tasks().release(t);
  }
}

void spawn(location& scope, const void* entry, TopOfStackReader reader) {
  static const bool hooked = (tracer::detail::add_stop_hook(&record_lost_tasks),
                              tracer::detail::set_catch_up(&catch_up_asio_tasks),
                              tracer::detail::set_running_awaited(&running_asio_task_awaited),
                              tracer::detail::set_off_loop(&asio_task_off_loop), true);
  (void)hooked;
  Task* t = tasks().create(entry, reader, scope.where_.line);
  // Spawned inside another task's spawn scope: that task's first dispatch ran it inline and
  // it is running now (awaitable operators spawn their operands this way).
  location* outer = scope.outer_;
  while (outer != nullptr && outer->task_ == nullptr) outer = outer->outer_;
  if (outer != nullptr && outer->state_ == kSpawn &&
      !tracer::detail::running_here(outer->task_->id)) {
    resume_here(outer->task_, 0, true);
    outer->state_ = kSpawnRan;
  }
  Task* parent = running_asio_task();
  if (parent != nullptr) {
    try_name_running(parent);  // it may never suspend: name it while its frames are there
    // A parent whose coroutine is suspending spawns its children to await them (a parallel
    // group): that is its suspension, though Asio creates no handler for it.
    const void* top =
        parent->top_of_stack == nullptr ? nullptr : parent->top_of_stack(parent->entry_frame);
    if (top != nullptr && !thread_attached(top)) {
      if (!parent->suspend_recorded.load(std::memory_order_relaxed)) {
        parent->suspend_recorded.store(true, std::memory_order_relaxed);
        RawStack awaiters;
        awaiters.frames = 0;
        walk_awaiters(top, awaiters);
        // Its resume ends here too when the scope it suspended in is on this thread (which
        // ends its running when the scope closes, recording nothing more): the last child
        // may resume it on another thread before this one gets there.
        location* suspending = scope.outer_;
        while (suspending != nullptr &&
               (suspending->task_ != parent || suspending->state_ != kSuspending))
          suspending = suspending->outer_;
        tracer::record_suspend(parent->id, kUntrackedObject, kUntrackedOp, {},
                               tracer::stack_mode() == StackMode::off ? nullptr : &awaiters,
                               suspending != nullptr ? tracer::kEndsResume : 0u);
        if (suspending != nullptr) suspending->state_ = kAwaitsChildren;
      }
      t->awaited = true;
      parent->awaited_children.fetch_add(1, std::memory_order_acq_rel);
      parent->awaits_children.store(true, std::memory_order_relaxed);
    }
    tasks().retain(parent);
    t->parent = parent;
    parent->live_children.fetch_add(1);
  }
  std::uint64_t name = 0;
  tracer::StaticLocation where;
  if (t_announced.set) {
    name = t_announced.coroutine;
    where = t_announced.where;
    t->exact = true;
    t_announced.set = false;
  }
  if (name != 0)
    t->named.store(true);
  else
    tracer::expect_name(t->id);  // learnt at its first suspension
  RawStack stack;
  RawStack* captured = nullptr;
  if (tracer::stack_mode() != StackMode::off) {
    tracer::capture_frames(stack, 2);
    tracer::capture_awaiters(stack);  // the parent's chain: it is running the co_spawn call
    captured = &stack;
  }
  tracer::record_spawn(t->id, tracer::current_task(), name, where, captured);
  tasks().retain(t);  // the scope's: the task may run and complete on another thread at once
  scope.task_ = t;
  scope.state_ = kSpawn;
}

// The task's coroutine suspended on the operation whose handler `h` was just created and
// attached uncounted (attach_uncounted()): its counts are added here, with the end of the
// running when t runs on this thread (one atomic instruction for both: the handler cannot run
// before its creation hook returns, and t cannot complete while it runs here).
void suspend(tracked_handler& h, Task* t, const char* object_type, const char* op_name,
             const void* awaiting, const tracer::StaticLocation& where) {
  RawStack stack;
  RawStack* captured = nullptr;
  StackMode mode = tracer::stack_mode();
  if (mode != StackMode::off) {
    stack.frames = 0;
    if (mode >= StackMode::suspend) tracer::capture_frames(stack, 2);
    walk_awaiters(awaiting, stack);
    captured = &stack;
  }
  const bool immediate = is_immediate(op_name);
  if (immediate) h.coscope_woken_ = true;
  if (top_asio_task() == t) {  // the common case: one record for the three events
    const std::uint64_t now =
        tracer::record_suspend(t->id, object_type, op_name, where, captured,
                               tracer::kEndsResume | (immediate ? tracer::kWoken : 0u));
    // The handler invocation that resumed t gives its reference back now, in the same
    // instruction: after this t may complete and be reused on another thread, and that
    // invocation's end has nothing to check (t waits for the handler just created, whose own
    // invocation checks). With the scope that borrowed t (see own_borrowing_scopes()), three
    // atomic instructions per suspension fewer.
    completion* c = t_invoking;
    std::uint64_t release = 0;
    if (c != nullptr && c->task_ == t && !c->released_) {
      c->released_ = true;
      release = counts::kRef;
    }
    end_here(t, true, true, kHandlerCounts - release, now);
    return;
  }
  t->add(kHandlerCounts);
  // Tasks that ran inline above it end first, each with its own record.
  tracer::record_suspend(t->id, object_type, op_name, where, captured);
  end_here(t);
  if (immediate) tracer::record_wake(t->id);
}

}  // namespace

namespace {

// A new task reuses the entry frame of `t`: t's body is over. It completes now, or, while its
// last resume still runs on another thread (which freed the frame before its invocation ended),
// at the end of that resume: its completion must not precede its end in the trace.
void retire_reused(Task* t) {
  t->finished.store(true);
  tasks().forget(t);  // the frame is the new task's
  if (counts::running(t->load_counts()) == 0) complete(t, format::CompletionStatus::ok);
}

}  // namespace

bool frames_elsewhere(const Task* t) noexcept {
  for (const location* s = t_scope; s != nullptr; s = s->outer_)
    if (s->task_ == t && s->state_ == kAwaitsChildren) return true;
  return false;
}

void enter_location(location& scope, const void* frame, TopOfStackReader reader) noexcept {
  scope.entered_ = true;
  scope.state_ = kPlain;
  scope.borrowed_ = false;
  scope.task_ = nullptr;
  scope.frame_ = nullptr;
  scope.entry_ = nullptr;
  scope.outer_ = t_scope;
  t_scope = &scope;
  if (frame == nullptr || !frame_layout_ok()) return;
  const void* entry = entry_of(frame);
  if (entry == nullptr) return;
  Task* t = nullptr;  // retained
  if (is_spawn_entry(scope.where_)) {
    t = tasks().find(entry);
    if (t == nullptr || t->spawn_line == scope.where_.line) {
      if (t != nullptr) {
        retire_reused(t);
        tasks().release(t);
      }
      scope.frame_ = frame;  // the first dispatch's (see on_creation())
      spawn(scope, entry, reader);
      return;
    }
    t->finished.store(true, std::memory_order_release);  // co_spawn_entry_point's last post
  } else {
    Task* r = running_asio_task();
    if (r != nullptr && r->entry_frame == entry) {
      t = r;
      scope.borrowed_ = true;  // see own_borrowing_scopes()
    } else {
      t = tasks().find(entry);
    }
  }
  if (t == nullptr) return;
  if (t->completed.load()) {
    if (!scope.borrowed_) tasks().release(t);
    scope.borrowed_ = false;
    return;
  }
  // An outer suspension of the same task completed inline (dispatch on its own thread).
  // Or the children it awaited did, without a hook seeing it resume (see on_awaitable_invoke()).
  for (location* o = scope.outer_; o != nullptr; o = o->outer_) {
    if (o->task_ != t) continue;
    if (o->state_ == kAwaitsChildren && tracer::detail::running_here(t->id))
      tracer::record_resume(t->id, true);
    if (o->state_ == kSuspending || o->state_ == kAwaitsChildren) o->state_ = kPlain;
  }
  if (!tracer::detail::running_here(t->id)) resume_here(t, 0, true);  // resumed unseen by any hook
  // The task's coroutine is the frame inside the entry frame, or inside the drop-in's wrapper.
  // `frame` is Asio's own async_result::initiate coroutine; the awaiting chain is its caller's.
  const void* awaiting = caller_of(frame);
  try_name(t, awaiting);
  scope.task_ = t;
  scope.entry_ = entry;
  scope.frame_ = awaiting;
  scope.state_ = kSuspending;
}

namespace {

void leave_scope(location& scope) {
  if (scope.state_ != kSuspending && scope.state_ != kSpawnRan && scope.state_ != kAwaitsChildren)
    return;
  // The task suspended on something that created no tracked handler.
  Task* t = scope.task_;
  if (!tracer::detail::running_here(t->id)) return;
  if (scope.state_ == kAwaitsChildren) {  // recorded at its suspension (see spawn())
    end_here(t, true, true);
    return;
  }
  if (t->suspend_recorded.load(
          std::memory_order_relaxed)) {  // when it spawned the children it awaits (see spawn())
    end_here(t);
    return;
  }
  // Its frames are not read: whatever holds the handler may have resumed the coroutine on
  // another thread already (a library's own completion queue), or the operation completed
  // inline and the task ran on, perhaps to its end (`co_await dispatch(...)` on the executor
  // running it): the awaiter chain is not known here.
  tracer::record_suspend(
      t->id, kUntrackedObject, kUntrackedOp,
      {scope.where_.file, scope.where_.function, static_cast<std::uint32_t>(scope.where_.line)},
      nullptr);
  // An operation it started itself (use_awaitable's scope) may have left its handler with
  // the program: it waits, not taken for finished (marked before its running ends). A first
  // run inline inside its spawn that is still running here ran to its end unseen instead.
  if (scope.state_ == kSuspending) wait_untracked(t);
  end_here(t, false);
}

}  // namespace

void leave_location(location& scope) noexcept {
  t_scope = scope.outer_;
  leave_scope(scope);
  Task* t = std::exchange(scope.task_, nullptr);
  if (t != nullptr && !scope.borrowed_) tasks().release(t);
}

namespace {

// A handler created by a task whose body is over: co_spawn_entry_point hands the task's result
// to its completion handler on that handler's executor, here not this thread's. The handler is
// not the task's: the task's frames are destroyed on this thread while it may already run on
// another (and be read there, as a running task's are). When it resumes a parent that awaits
// this task last, it is the parent's resume: the parent no longer waits for a catch-up (see
// catch_up_resumed_parent()). Any other runs as no task.
void deliver_result(tracked_handler& h, Task* t, const char* object_type, const char* op_name) {
  Task* p = t->parent;
  if (!t->awaited || p == nullptr || !p->awaits_children.load(std::memory_order_relaxed) ||
      p->awaited_children.load(std::memory_order_acquire) != 1)
    return;
  p->awaits_children.store(false, std::memory_order_relaxed);
  attach(h, p, object_type, op_name);
  if (is_immediate(op_name)) {
    h.coscope_woken_ = true;
    tracer::record_wake(p->id);
  }
}

// A handler created by task `t`'s code outside use_awaitable (a deferred operation awaited, a
// composed operation's next step, a callback): `t` owns it, and awaits it when its coroutine
// has just suspended (its thread detached from its top frame).
void attach_outside_scope(tracked_handler& h, Task* t, const char* object_type,
                          const char* op_name) {
  const void* top = t->top_of_stack == nullptr ? nullptr : t->top_of_stack(t->entry_frame);
  if (top == t->entry_frame) [[unlikely]] {
    deliver_result(h, t, object_type, op_name);
    return;
  }
  try_name_running(t);
  attach_uncounted(h, t, object_type, op_name);
  if (top != nullptr && !thread_attached(top))
    suspend(h, t, object_type, op_name, top, {});
  else
    t->add(kHandlerCounts);
}

}  // namespace

void on_creation(tracked_handler& h, const void* context, const char* object_type,
                 const char* op_name, const void* op, std::size_t op_size,
                 ErasedFunction erased) noexcept {
  if (g_untracked_count.load(std::memory_order_acquire) > 0) [[unlikely]] {
    if (Task* waiting = continuation_in(op, op_size, erased)) {
      // The program posts the handler it kept for a waiting task: its continuation.
      stop_waiting_untracked(waiting);
      attach(h, waiting, object_type, op_name);
      if (is_immediate(op_name)) {
        h.coscope_woken_ = true;
        tracer::record_wake(waiting->id);
      }
      tasks().release(waiting);
      return;
    }
  }
  // The creator is the task of the innermost LOCATION, unless a handler of another task was
  // invoked inside it since: that task's code runs now. A channel completes its waiting
  // receiver inside the sender's async_send (the invocation posts the receiver's handler).
  location* const invoked_in = t_invoking == nullptr ? nullptr : t_invoking->scope_;
  location* s = t_scope;
  while (s != nullptr && s != invoked_in && s->task_ == nullptr) s = s->outer_;
  if (s == nullptr || s == invoked_in) {
    if (Task* t = running_asio_task()) attach_outside_scope(h, t, object_type, op_name);
    return;
  }
  Task* t = s->task_;
  if (s->state_ == kSuspended && s->borrowed_) {
    // Another handler of the operation its task suspended on: the scope holds no reference
    // (see own_borrowing_scopes()), the task may have run on and completed on another thread.
    if ((t = tasks().find(s->entry_)) == nullptr) return;
    attach(h, t, object_type, op_name);
    tasks().release(t);
    return;
  }
  if (s->state_ == kSpawn || s->state_ == kSpawnRan) {
    // The creation of the task's first dispatch: an executor's operation, awaited by the
    // entry frame through the spawn scope's own frame (Asio's initiate coroutine). Anything
    // else: the dispatch ran the task inline (spawned from a task on its own thread), and
    // this is an operation of its body awaited without a LOCATION of its own (`deferred`).
    const void* top = t->top_of_stack == nullptr ? nullptr : t->top_of_stack(t->entry_frame);
    if (top != nullptr && top != t->entry_frame &&
        (!is_immediate(op_name) || top != s->frame_ || caller_of(top) != t->entry_frame)) {
      if (!tracer::detail::running_here(t->id)) resume_here(t, 0, true);
      s->state_ = kSpawnRan;
      attach_outside_scope(h, t, object_type, op_name);
      return;
    }
  }
  if (s->state_ == kInline) {
    // The operation the scope started completed inline (a dispatch onto the executor running
    // the task; seen by on_awaitable_invoke()) and the task ran on past the coroutine that
    // started it, which may be gone: this handler is awaited from wherever the task is now (a
    // `deferred` operation), or is a callback's.
    attach_outside_scope(h, t, object_type, op_name);
    return;
  }
  if (s->state_ == kSuspending) {
    // The same, seen here only (BOOST_ASIO_NO_DEPRECATED: no invocation hook).
    const void* top = t->top_of_stack == nullptr ? nullptr : t->top_of_stack(t->entry_frame);
    if (top != nullptr && caller_of(top) != s->frame_) [[unlikely]] {
      s->state_ = kPlain;
      attach_outside_scope(h, t, object_type, op_name);
      return;
    }
  }
  attach_uncounted(h, t, object_type, op_name);
  if (s->state_ == kSuspending) {
    s->state_ = kSuspended;
    suspend(h, t, object_type, op_name, s->frame_,
            {s->where_.file, s->where_.function, static_cast<std::uint32_t>(s->where_.line)});
    return;
  }
  t->add(kHandlerCounts);
  if (s->state_ == kSpawn) {  // its first dispatch: runnable since its spawn
    h.coscope_woken_ = true;
    set_context(t, context);
  }
}

void on_reactor_operation(const tracked_handler& h, bool would_block) noexcept {
  if (would_block || !tracer::active()) return;
  h.coscope_woken_ = true;
  tracer::record_wake(h.coscope_task_->id);
}

// The completion object inherits the handler's reference on the task (Asio frees the
// operation before invoking it) and gives it back when destroyed, or at the suspension that
// ends the resume it started (see suspend()).
void completion::begin(const tracked_handler& h) noexcept {
  object_type_ = h.coscope_object_type_;
  op_name_ = h.coscope_op_name_;
  woken_ = h.coscope_woken_;
  invoked_ = false;
  ended_ = false;
  pushed_ = false;
  released_ = false;
}

void completion::invoke() noexcept {
  invoked_ = true;
  ++t_invocations;
  // A handler invoked inside another handler of the same task (a strand running its queue,
  // a composed operation's step) continues the same resume.
  if (tracer::detail::running_here(task_->id)) {
    task_->add(-counts::kPending);
    return;
  }
  // Not woken by the reactor or a post (a timer, say): runnable from its dequeue on. One
  // atomic instruction for the counts: see check_complete().
  resume_here(task_, -counts::kPending, !woken_);
  pushed_ = true;
  scope_ = t_scope;
  outer_invoking_ = std::exchange(t_invoking, this);
}

void completion::end() noexcept {
  ended_ = true;
  --t_invocations;
  if (pushed_) t_invoking = outer_invoking_;
  if (!released_) {  // else task_ may be gone: see suspend()
    if (pushed_ && tracer::detail::running_here(task_->id)) end_here(task_, false);
    check_complete(task_, format::CompletionStatus::ok);
  }
  if (t_invocations == 0) run_rechecks();
}

void completion::destroyed() noexcept {
  if (!invoked_) {
    task_->add(-counts::kPending);
    tracer::record_handler_destroyed(task_->id, object_type_, op_name_);
    check_complete(task_, format::CompletionStatus::cancelled, true);
  } else if (!ended_) {  // the handler threw
    end();
  }
  if (!released_) tasks().release(task_);
}

Task* on_awaitable_invoke(const void* handler) noexcept {
  const void* entry = *static_cast<const void* const*>(handler);
  // A `co_await dispatch(...)` (or any operation) completing inline, inside the scope that
  // started it: the task runs on; the scope's suspension did not happen.
  if (location* s = t_scope; s != nullptr && s->task_ != nullptr) {
    if (s->state_ == kSuspending && s->entry_ == entry) {
      s->state_ = kInline;
      return nullptr;
    }
    // The children it awaits all completed inline while Asio started them: it runs on here,
    // after the end of its resume recorded at its suspension.
    if (s->state_ == kAwaitsChildren && s->entry_ == entry) {
      s->state_ = kInline;
      tracer::record_resume(s->task_->id, true);
      return nullptr;
    }
    // A task's first dispatch running it inline, inside its co_spawn (spawned by a task on
    // the same executor): it runs now, and what it throws or blocks on before it suspends is
    // its own. Ended at the invocation's end, or at its suspension.
    if (s->state_ == kSpawn && s->task_->entry_frame == entry) {
      Task* t = s->task_;
      s->state_ = kSpawnRan;
      if (t->parent != nullptr) set_context(t, t->parent->context);  // ran on its spawner's
      if (tracer::detail::running_here(t->id)) return nullptr;
      tasks().retain(t);
      resume_here(t, 0, true);
      ++t_invocations;
      return t;
    }
  }
  if (g_untracked_count.load(std::memory_order_acquire) == 0) return nullptr;
  Task* t = waiting_untracked(entry, g_untracked_high.load(std::memory_order_acquire));
  if (t == nullptr) return nullptr;
  if (tracer::detail::running_here(t->id)) {
    tasks().release(t);
    return nullptr;
  }
  // The handler a program kept for a task waiting on its primitive, run inline: the task
  // runs now, inside whatever invoked it.
  resume_here(t, 0, true);
  ++t_invocations;
  return t;  // retained until on_awaitable_invoked()
}

void on_awaitable_invoked(Task* t) noexcept {
  --t_invocations;
  if (tracer::detail::running_here(t->id)) end_here(t, false);
  check_complete(t, format::CompletionStatus::ok);
  if (t_invocations == 0) run_rechecks();
  tasks().release(t);
}

void announce_spawn(std::uint64_t coroutine, const tracer::StaticLocation& where) noexcept {
  if (!tracer::active()) return;
  t_announced = Announcement{true, coroutine, where};
}

void forget_announcement() noexcept {
  t_announced.set = false;
}

void body_started(const void* body) noexcept {
  if (!tracer::active()) return;
  if (Task* t = running_asio_task(); t != nullptr && t->exact) tasks().set_body(t, body);
}

void body_finished(const void* body, format::CompletionStatus status,
                   std::string_view exception_type, std::string_view message) noexcept {
  Task* t = tasks().find_body(body);  // retained
  if (t == nullptr) {
    // Traced since after its start, or out of memory then: the task running here.
    if ((t = running_asio_task()) == nullptr) return;
    tasks().retain(t);
  }
  try {
    t->status = status;
    t->exception_type = exception_type;
    t->message = message;
  } catch (...) {  // out of memory: the completion is recorded without its message
  }
  t->finished.store(true, std::memory_order_release);
  // Resumed where no hook saw it (its handler called by the program inside another task's
  // resume): nothing else will end it.
  if (!tracer::detail::running_here(t->id)) {
    stop_waiting_untracked(t);
    check_complete(t, status);
  }
  tasks().release(t);
}

}  // namespace coscope::asio_hooks
