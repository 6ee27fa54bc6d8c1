// View parameters (std::string_view, std::span by default: the ViewTypes option) refer to data
// the coroutine does not own, exactly like references.
#include <coroutine>
#include <span>
#include <string>
#include <string_view>

struct lazy {
  struct promise_type {
    lazy get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};
struct eager {
  struct promise_type {
    eager get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};
void use(std::string_view);
void use_int(int);

lazy parse(std::string_view text) {  // expect-warning: parameter 'text' of coroutine 'parse' is a view ('std::string_view')
  // expect-note@-1: may suspend before its body runs
  use(text);
  co_return;
}
lazy sum(std::span<const int> values) {  // expect-warning: parameter 'values' of coroutine 'sum' is a view ('std::span<const int>')
  // expect-note@-1: may suspend before its body runs
  int total = 0;
  for (int v : values) total += v;
  use_int(total);
  co_return;
}
lazy wide(std::wstring_view text) {  // expect-warning: parameter 'text' of coroutine 'wide' is a view ('std::wstring_view')
  // expect-note@-1: may suspend before its body runs
  use_int(static_cast<int>(text.size()));
  co_return;
}

// Eager and copied into a std::string before the first suspension: exempt.
eager owns_a_copy(std::string_view text) {
  std::string own(text);
  auto n = text.size();
  co_await std::suspend_always{};
  use(own);
  use_int(static_cast<int>(n));
}
// Eager, but the view is copied (a view of the same data) before the suspension.
eager copies_the_view(std::string_view text) {  // expect-warning: parameter 'text' of coroutine 'copies_the_view' is a view
  std::string_view copy = text;  // expect-note: 'text' escapes here
  co_await std::suspend_always{};
  use(copy);
}

// A dependent view in a template, reported once.
template <class CharT>
lazy generic(std::basic_string_view<CharT> text) {  // expect-warning: parameter 'text' of coroutine 'generic' is a view ('std::basic_string_view<CharT>')
  // expect-note@-1: may suspend before its body runs
  use_int(static_cast<int>(text.size()));
  co_return;
}
void instantiate() {
  generic(std::string_view("a"));
  generic(std::wstring_view(L"a"));
}

// Called only with string literals, whose characters live as long as the program: exempt.
static lazy log_line(std::string_view text) {
  use(text);
  co_return;
}
// Also called with a view of a local string: reported.
static lazy log_text(std::string_view text) {  // expect-warning: parameter 'text' of coroutine 'log_text' is a view
  use(text);
  co_return;
}
void log_callers() {
  log_line("boot");
  log_line("ready");
  std::string local = "x";
  log_text("boot");
  log_text(local);
}
