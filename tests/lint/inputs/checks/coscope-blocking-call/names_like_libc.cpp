// The catalog's global names are the C library's functions: a user's own function that happens
// to share the name (an overload of send, a member read, a namespace's sleep) does no I/O and is
// not reported, while the real declaration, with C linkage, is.
#include <coroutine>
#include <cstddef>
#include <sys/socket.h>
#include <unistd.h>

struct task {
  struct promise_type {
    task get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};

struct Message {
  int id;
};
void send(const Message&) {}  // queues the message: no I/O
int read(Message& m) {
  return m.id;
}
namespace mylib {
void sleep(int) {}
}  // namespace mylib
struct Logger {
  void write(const char*) {}
};

task user_functions(Logger& log) {  // expect-note: inside coroutine 'user_functions' declared here
  Message m{1};
  send(m);
  send(Message{2});
  (void)read(m);
  mylib::sleep(1);
  log.write("x");
  char buffer[8];
  (void)::send(0, buffer, sizeof buffer, 0);  // expect-warning: blocking call to 'send' inside coroutine 'user_functions'
  (void)::read(0, buffer, sizeof buffer);  // expect-warning: blocking call to 'read' inside coroutine 'user_functions'
  co_return;
}
