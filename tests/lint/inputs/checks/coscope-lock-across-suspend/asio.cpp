// Through the real <boost/asio.hpp>: a std::mutex guarding shared state while an Asio
// operation is awaited; copying out under the lock, then awaiting, is the fix.
#include <boost/asio.hpp>
#include <mutex>
#include <string>

namespace asio = boost::asio;
using asio::ip::tcp;

struct Shared {
  std::mutex mutex;
  std::string last;
};

asio::awaitable<void> held(tcp::socket& sock, Shared& shared) {
  char data[64];
  std::lock_guard lock(shared.mutex);  // expect-note: lock 'lock' acquired here
  std::size_t n = co_await sock.async_read_some(asio::buffer(data), asio::use_awaitable);  // expect-warning: coroutine 'held' suspends at 'co_await' while lock 'lock' is held
  shared.last.assign(data, n);
}

asio::awaitable<void> fixed(tcp::socket& sock, Shared& shared) {
  std::string copy;
  {
    std::lock_guard lock(shared.mutex);
    copy = shared.last;
  }
  co_await asio::async_write(sock, asio::buffer(copy), asio::use_awaitable);
}
