// A lazy coroutine's reference parameter is safe in a program whose every call, as seen in this
// translation unit, either awaits the coroutine where it is made (the caller, its locals and
// the temporaries of its full-expression wait for it) or passes an object that lives until
// main returns. One unsafe call, a call the check cannot see, or no call at all: reported.
#include <coroutine>
#include <string>

struct task {
  struct promise_type {
    task get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
  // Awaiting a task resumes the caller when the task has finished.
  bool await_ready() { return false; }
  void await_suspend(std::coroutine_handle<>) {}
  void await_resume() {}
};
void spawn(task);  // starts the task and returns at once, like co_spawn(..., detached)
struct Socket {
  void write(const std::string&);
};

// Every call awaited where it is made: exempt, also with a temporary (it lives until the end
// of the co_await's full-expression, after the task has finished).
task step(Socket& socket, const std::string& text) {
  socket.write(text);
  co_return;
}
task awaits_every_call() {
  Socket socket;
  co_await step(socket, "temporary");
  co_await (step(socket, std::string("again")));
}

// Called from main with main's locals, or with a static object: exempt, they live until main
// returns.
task serve(Socket& socket) {
  socket.write("hello");
  co_return;
}
Socket global_socket;
task with_global(Socket& socket) {
  socket.write("hello");
  co_return;
}
thread_local Socket per_thread;
task with_thread_local(Socket& socket) {  // expect-warning: parameter 'socket' of coroutine 'with_thread_local'
  // expect-note@-1: may suspend before its body runs
  socket.write("hello");
  co_return;
}
task in_inner_block(Socket& socket) {  // expect-warning: parameter 'socket' of coroutine 'in_inner_block'
  // expect-note@-1: may suspend before its body runs
  socket.write("hello");
  co_return;
}

// Spawned by a function that returns at once: the socket dies with it.
task leaks(Socket& socket) {  // expect-warning: parameter 'socket' of coroutine 'leaks' is a reference
  // expect-note@-1: may suspend before its body runs
  socket.write("hello");
  co_return;
}
void start_leaking() {
  Socket socket;
  spawn(leaks(socket));
}

// One call awaited, one not: reported, with a note at the call that is not safe.
task mixed(Socket& socket) {  // expect-warning: parameter 'socket' of coroutine 'mixed'
  // expect-note@-1: may suspend before its body runs
  socket.write("hello");
  co_return;
}
task awaits_mixed() {
  Socket socket;
  co_await mixed(socket);
}
void spawns_mixed() {
  Socket socket;
  spawn(mixed(socket));  // expect-note: other calls are safe, but this one is neither awaited where it is made nor passes 'socket' an object that lives until main returns
}

// Never called here, with external linkage: another translation unit may call it anyhow.
task never_called(Socket& socket) {  // expect-warning: parameter 'socket' of coroutine 'never_called'
  // expect-note@-1: may suspend before its body runs
  socket.write("hello");
  co_return;
}

// Its address is taken: calls through the pointer cannot be seen.
task through_a_pointer(Socket& socket) {  // expect-warning: parameter 'socket' of coroutine 'through_a_pointer'
  // expect-note@-1: may suspend before its body runs
  socket.write("hello");
  co_return;
}
task awaits_through_a_pointer() {
  Socket socket;
  co_await through_a_pointer(socket);
  auto* pointer = &through_a_pointer;
  spawn(pointer(socket));
}

// A template: the calls of every instantiation count.
template <class T>
task generic(T& value) {
  value.write("hello");
  co_return;
}
task awaits_generic() {
  Socket socket;
  co_await generic(socket);
}

int main(int argc, char**) {
  Socket socket;
  spawn(serve(socket));
  spawn(with_global(global_socket));
  spawn(with_thread_local(per_thread));
  spawn(generic(socket));
  if (argc > 1) {
    Socket inner;  // dies at the end of the if, while the task may still run
    spawn(in_inner_block(inner));
  }
}
