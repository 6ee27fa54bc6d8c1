// Standalone Asio spells the same API without boost::. No Asio headers needed to tell: this file
// declares the few names it uses, as the standalone library does.
#include <coroutine>
#include <exception>
#include <stdexcept>

namespace asio {
template <class T>
struct awaitable {
  struct promise_type {
    awaitable get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};
struct detached_t {};
inline constexpr detached_t detached;
struct io_context {};
template <class E, class T, class Token>
void co_spawn(E&, awaitable<T>, Token) {}
}  // namespace asio

asio::awaitable<void> work() {
  throw std::runtime_error("lost");  // expect-note: thrown here
  co_return;
}

void spawn(asio::io_context& ctx) {
  asio::co_spawn(ctx, work(), asio::detached);  // expect-warning: 'work' can throw
  asio::co_spawn(ctx, work(), asio::detached_t{});  // expect-warning: 'work' can throw
  // NOLINTNEXTLINE(coscope-detached-exception)
  asio::co_spawn(ctx, work(), asio::detached);
  asio::co_spawn(ctx, work(), asio::detached);  // NOLINT
}

// A wrapper that forwards its caller's token is not where the exception is dropped; its callers
// are, when the wrapper is listed in SpawnFunctions (coscope::co_spawn, the tracer's drop-in,
// is by default).
namespace coscope {
template <class E, class T, class Token>
void co_spawn(E& ex, asio::awaitable<T> work, Token&& token) {
  asio::co_spawn(ex, static_cast<asio::awaitable<T>&&>(work), static_cast<Token&&>(token));
}
}  // namespace coscope

void spawn_traced(asio::io_context& ctx) {
  coscope::co_spawn(ctx, work(), asio::detached);  // expect-warning: 'work' can throw
}
