// Where a value is discarded: an expression statement in any statement position, both sides of
// a comma, both branches of a conditional. Templates are reported once per spelling.
#include <coroutine>

struct lazy {
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
  ~lazy() {}  // a non-trivial destructor wraps the call in a temporary
};
lazy step(int);
int count();
void use(lazy);

void positions(bool flag, int n) {
  if (flag) step(1);  // expect-warning: returned by 'step'
  else step(2);  // expect-warning: returned by 'step'
  for (int i = 0; i < n; step(i), ++i)  // expect-warning: returned by 'step'
    step(i);  // expect-warning: returned by 'step'
  while (n-- > 0) step(n);  // expect-warning: returned by 'step'
  switch (n) {
    case 0:
      step(0);  // expect-warning: returned by 'step'
      break;
    default:
      break;
  }
  (step(3));  // expect-warning: returned by 'step'
  step(4), count();  // expect-warning: returned by 'step'
  count(), step(5);  // expect-warning: returned by 'step'
  flag ? step(6) : step(7);  // expect-warning: returned by 'step'
  // expect-warning@-1: returned by 'step'
  (void)(flag ? step(8) : step(9));
  use(step(10));  // passed on
  lazy kept = step(11);
  (void)kept;
  count();
}

template <class T>
T produce();

template <class T>
void generic() {
  produce<T>();  // expect-warning: 'lazy' returned by 'produce'
  step(12);  // expect-warning: returned by 'step'
}
template void generic<lazy>();
template void generic<int>();

#define FIRE(x) step(x)
void macro() {
  FIRE(13);  // expect-warning: returned by 'step'
}
