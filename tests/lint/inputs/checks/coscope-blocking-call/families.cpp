// One or more members of each catalog family, through the real standard and POSIX headers;
// the third-party sync-over-async APIs are declared as stubs.
#include <arpa/inet.h>
#include <atomic>
#include <barrier>
#include <chrono>
#include <condition_variable>
#include <coroutine>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <future>
#include <latch>
#include <mutex>
#include <netdb.h>
#include <poll.h>
#include <pthread.h>
#include <semaphore.h>
#include <semaphore>
#include <shared_mutex>
#include <string>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <time.h>
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

namespace boost::this_thread { void sleep_for(int); }
namespace cppcoro { template <class T> void sync_wait(T&&) {} }
namespace coro { template <class T> void sync_wait(T&&) {} }
namespace folly::coro { template <class T> void blockingWait(T&&) {} }

task sleeps() {
  std::this_thread::sleep_for(std::chrono::seconds(1));  // expect-warning: 'std::this_thread::sleep_for' inside coroutine 'sleeps' (sleeps)
  ::nanosleep(nullptr, nullptr);  // expect-warning: 'nanosleep'
  timespec ts{};
  ::clock_nanosleep(CLOCK_MONOTONIC, 0, &ts, nullptr);  // expect-warning: 'clock_nanosleep'
  boost::this_thread::sleep_for(1);  // expect-warning: 'boost::this_thread::sleep_for'
  co_return;
}

task file_io() {
  std::FILE* f = std::fopen("x", "r");  // expect-warning: 'fopen' inside coroutine 'file_io' (file I/O)
  char buf[16];
  std::fread(buf, 1, sizeof buf, f);  // expect-warning: 'fread'
  std::fgets(buf, sizeof buf, f);  // expect-warning: 'fgets'
  int fd = ::open("x", O_RDONLY);  // expect-warning: 'open'
  ::read(fd, buf, sizeof buf);  // expect-warning: call to 'read'
  ::pwrite(fd, buf, 1, 0);  // expect-warning: 'pwrite'
  ::fsync(fd);  // expect-warning: 'fsync'
  std::ifstream in("x");  // expect-warning: construction of 'std::basic_ifstream'
  std::string line;
  std::getline(in, line);  // expect-warning: 'std::getline'
  in.read(buf, 4);  // expect-warning: 'std::basic_ifstream::read'
  std::ofstream out;
  out.open("y");  // expect-warning: 'std::basic_ofstream::open'
  (void)std::filesystem::exists("x");  // expect-warning: 'std::filesystem::exists'
  std::filesystem::create_directories("a/b");  // expect-warning: 'std::filesystem::create_directories'
  for (const auto& entry : std::filesystem::directory_iterator(".")) (void)entry;  // expect-warning: construction of 'std::filesystem::directory_iterator'
  std::filesystem::path p("no I/O");  // constructing a path does no I/O
  co_return;
}

task network() {
  int s = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  ::connect(s, reinterpret_cast<sockaddr*>(&addr), sizeof addr);  // expect-warning: 'connect' inside coroutine 'network' (sockets and DNS)
  ::accept(s, nullptr, nullptr);  // expect-warning: 'accept'
  char buf[8];
  ::recv(s, buf, sizeof buf, 0);  // expect-warning: 'recv'
  ::send(s, buf, sizeof buf, 0);  // expect-warning: 'send'
  pollfd pfd{s, POLLIN, 0};
  ::poll(&pfd, 1, -1);  // expect-warning: 'poll'
  ::select(0, nullptr, nullptr, nullptr, nullptr);  // expect-warning: 'select'
  epoll_event ev{};
  ::epoll_wait(s, &ev, 1, -1);  // expect-warning: 'epoll_wait'
  addrinfo* res = nullptr;
  ::getaddrinfo("example.com", "80", nullptr, &res);  // expect-warning: 'getaddrinfo'
  ::gethostbyname("example.com");  // expect-warning: 'gethostbyname'
  co_return;
}

std::mutex m;
std::shared_mutex sm;
std::condition_variable cv;
std::counting_semaphore<4> slots(4);
std::latch done(1);
std::barrier<> sync_point(1);
std::atomic<int> flag{0};
std::atomic_flag aflag;
pthread_mutex_t pm = PTHREAD_MUTEX_INITIALIZER;
sem_t psem;

task synchronization() {
  m.lock();  // expect-warning: 'std::mutex::lock' inside coroutine 'synchronization' (synchronization)
  m.unlock();
  std::unique_lock lock(m);  // expect-warning: construction of 'std::unique_lock'
  cv.wait(lock);  // expect-warning: 'std::condition_variable::wait'
  lock.unlock();
  std::scoped_lock both(m);  // expect-warning: construction of 'std::scoped_lock'
  std::shared_lock reader(sm);  // expect-warning: construction of 'std::shared_lock'
  std::promise<int> promise;
  promise.get_future().get();  // expect-warning: 'std::future::get'
  std::async([] { return 1; }).wait();  // expect-warning: 'std::future::wait'
  std::thread t([] {});
  t.join();  // expect-warning: 'std::thread::join'
  slots.acquire();  // expect-warning: 'std::counting_semaphore::acquire'
  done.wait();  // expect-warning: 'std::latch::wait'
  sync_point.arrive_and_wait();  // expect-warning: 'std::barrier::arrive_and_wait'
  flag.wait(0);  // expect-warning: 'std::atomic::wait'
  aflag.wait(false);  // expect-warning: 'std::atomic_flag::wait'
  ::pthread_mutex_lock(&pm);  // expect-warning: 'pthread_mutex_lock'
  ::sem_wait(&psem);  // expect-warning: 'sem_wait'
  m.try_lock();  // try_lock does not wait
  co_return;
}

// A member is named through the type of the object it is called on, not the library's base
// class that declares it (libstdc++: std::__basic_future, std::__atomic_base, std::__atomic_ref).
task waits_named_by_the_object(std::future<int> fut, std::shared_future<int> shared, int& value) {
  fut.wait();  // expect-warning: call to 'std::future::wait' inside coroutine 'waits_named_by_the_object'
  fut.wait_for(std::chrono::seconds(1));  // expect-warning: call to 'std::future::wait_for'
  std::future<int>* pointer = &fut;
  pointer->wait();  // expect-warning: call to 'std::future::wait'
  shared.wait();  // expect-warning: call to 'std::shared_future::wait'
  std::atomic<bool> ready{false};
  ready.wait(false);  // expect-warning: call to 'std::atomic::wait'
  std::atomic_ref<int> ref(value);
  ref.wait(0);  // expect-warning: call to 'std::atomic_ref::wait'
  flag.notify_one();  // notifying does not wait
  ref.notify_all();
  co_return;
}

task processes() {
  std::system("true");  // expect-warning: 'system' inside coroutine 'processes' (processes)
  std::FILE* pipe = ::popen("true", "r");  // expect-warning: 'popen'
  ::waitpid(-1, nullptr, 0);  // expect-warning: 'waitpid'
  (void)pipe;
  co_return;
}

task sync_over_async() {
  cppcoro::sync_wait(1);  // expect-warning: 'cppcoro::sync_wait' inside coroutine 'sync_over_async' (sync-over-async)
  coro::sync_wait(2);  // expect-warning: 'coro::sync_wait'
  folly::coro::blockingWait(3);  // expect-warning: 'folly::coro::blockingWait'
  co_return;
}
