// A throw in a branch that `if constexpr` discards never happens, and a co_spawn there never
// runs.
#include <boost/asio.hpp>
#include <stdexcept>

namespace asio = boost::asio;
constexpr bool kStrict = false;

asio::awaitable<void> lenient() {
  if constexpr (kStrict) {
    throw std::runtime_error("strict");
  }
  co_return;
}
asio::awaitable<void> strict() {
  if constexpr (!kStrict) {
    throw std::runtime_error("lenient");  // expect-note: exception of type 'std::runtime_error' thrown here
  }
  co_return;
}

void start(asio::io_context& io) {
  asio::co_spawn(io, lenient(), asio::detached);
  if constexpr (false) {
    asio::co_spawn(io, strict(), asio::detached);
  }
  asio::co_spawn(io, strict(), asio::detached);  // expect-warning: 'strict' can throw
}
