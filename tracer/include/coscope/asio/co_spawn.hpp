// coscope::co_spawn: a drop-in replacement for boost::asio::co_spawn (same arguments) that
// records what Asio's hooks cannot show: the exact end of the task, and the exception it
// ended with, marked lost when the token drops it (`detached`). Its spawn site is the
// caller's file:line. Use it as `using coscope::co_spawn;` or by name.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <source_location>
#include <type_traits>
#include <utility>

#include "coscope/asio/spawn_support.hpp"

namespace coscope {
namespace asio_detail {

template <typename T, typename Executor>
boost::asio::awaitable<T, Executor> traced_body(boost::asio::awaitable<T, Executor> body,
                                                bool dropped) {
  // The body's frame names the task when its end comes (see body_started()).
  const void* key = asio_hooks::frame_of_awaitable(&body);
  asio_hooks::body_started(key);
  try {
    if constexpr (std::is_void_v<T>) {
      co_await std::move(body);
      asio_hooks::body_finished(key, format::CompletionStatus::ok, {}, {});
    } else {
      T value = co_await std::move(body);
      asio_hooks::body_finished(key, format::CompletionStatus::ok, {}, {});
      co_return value;
    }
  } catch (...) {
    // The tracer's own lock is held for a few instructions, never across a wait: not the
    // blocking call coscope-lint looks for in users' coroutines.
    asio_hooks::body_failed(key, dropped);  // NOLINT(coscope-blocking-call)
    throw;
  }
}

template <typename Token>
inline constexpr bool drops_exceptions =
    std::is_same_v<std::decay_t<Token>, boost::asio::detached_t>;

struct ForgetAnnouncement {
  ~ForgetAnnouncement() { asio_hooks::forget_announcement(); }
};

inline tracer::StaticLocation static_location(const std::source_location& where) {
  return {where.file_name(), where.function_name(), where.line()};
}

}  // namespace asio_detail

// co_spawn(executor or execution context, awaitable, token)
template <typename ExecutorOrContext, typename T, typename AwaitableExecutor, typename Token>
auto co_spawn(ExecutorOrContext&& ex, boost::asio::awaitable<T, AwaitableExecutor> body,
              Token&& token, std::source_location where = std::source_location::current()) {
  asio_hooks::announce_spawn(asio_hooks::coroutine_of_awaitable(&body),
                             asio_detail::static_location(where));
  asio_detail::ForgetAnnouncement forget;
  return boost::asio::co_spawn(
      std::forward<ExecutorOrContext>(ex),
      asio_detail::traced_body(std::move(body), asio_detail::drops_exceptions<Token>),
      std::forward<Token>(token));
}

// co_spawn(executor or execution context, function returning an awaitable, token)
template <typename ExecutorOrContext, typename F, typename Token>
requires std::is_invocable_v<F&>
auto co_spawn(ExecutorOrContext&& ex, F&& function, Token&& token,
              std::source_location where = std::source_location::current()) {
  asio_hooks::announce_spawn(0, asio_detail::static_location(where));
  asio_detail::ForgetAnnouncement forget;
  constexpr bool dropped = asio_detail::drops_exceptions<Token>;
  return boost::asio::co_spawn(
      std::forward<ExecutorOrContext>(ex),
      [function = std::forward<F>(function)]() mutable {
        return asio_detail::traced_body(function(), dropped);
      },
      std::forward<Token>(token));
}

}  // namespace coscope
