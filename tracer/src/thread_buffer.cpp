#include "thread_buffer.hpp"

#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <pthread.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <new>

#include "quiet_lock.hpp"
#include "session.hpp"
#include "small_file.hpp"

namespace coscope::tracer::detail {
namespace {

std::size_t round_up_pow2(std::size_t n) {
  std::size_t p = 1;
  while (p < n) p <<= 1;
  return p;
}

constexpr std::size_t kHugePage = std::size_t{2} << 20;

// Whether asking for transparent huge pages cannot stall the thread: with the kernel's
// default `defrag` setting (madvise) a MADV_HUGEPAGE fault compacts memory on the spot when
// no huge page is free, which took a traced server's threads (and, through the address
// space's lock, its other threads' brk and mmap calls) 10-16 ms at start. With `defer` or
// `never` a huge page is used only when one is free.
bool huge_pages_without_stalls() {
  static const bool ok = [] {
    char text[128];
    if (!read_small_file("/sys/kernel/mm/transparent_hugepage/defrag", text, sizeof text))
      return false;
    return std::strstr(text, "[defer]") != nullptr || std::strstr(text, "[never]") != nullptr;
  }();
  return ok;
}

// The ring's pages are all provided at once, not one page fault per 4 KiB in the middle of
// recording (costly under virtualization). A ring of whole 2 MiB pages is aligned for them and
// asks for transparent huge pages where that cannot stall (above): populating 4 MiB then
// costs ≈ 0.25 ms instead of ≈ 1 ms (measured here), and the hot path's stores touch two TLB
// entries instead of a thousand. Otherwise the same calls give ordinary pages.
std::uint64_t* map_ring(std::size_t words) {
  const std::size_t bytes = words * 8;
  if (bytes < kHugePage || bytes % kHugePage != 0) {
    void* p = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
    if (p == MAP_FAILED) throw std::bad_alloc();
    return static_cast<std::uint64_t*>(p);
  }
  void* raw = ::mmap(nullptr, bytes + kHugePage, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (raw == MAP_FAILED) throw std::bad_alloc();
  auto* base = static_cast<char*>(raw);
  auto* ring = reinterpret_cast<char*>((reinterpret_cast<std::uintptr_t>(base) + kHugePage - 1) &
                                       ~(kHugePage - 1));
  // Only the aligned part stays mapped, so that munmap(ring, bytes) releases everything.
  if (ring != base) ::munmap(base, static_cast<std::size_t>(ring - base));
  if (std::size_t tail = static_cast<std::size_t>(base + bytes + kHugePage - (ring + bytes)))
    ::munmap(ring + bytes, tail);
  if (huge_pages_without_stalls()) (void)::madvise(ring, bytes, MADV_HUGEPAGE);
  // Kernels before 5.14 do not know MADV_POPULATE_WRITE (EINVAL): the pages are touched.
  // Out of memory (ENOMEM), they are left to fault in as recording reaches them.
  if (::madvise(ring, bytes, MADV_POPULATE_WRITE) != 0 && errno == EINVAL)
    for (std::size_t at = 0; at < bytes; at += 4096) ring[at] = 0;
  return reinterpret_cast<std::uint64_t*>(ring);
}

// A program that starts threads often (a thread per connection, a pool that shrinks and
// grows) would pay for mapping and populating a ring with every thread (≈ 0.25–2 ms for
// 4 MiB): the rings of freed buffers are kept for the next ones, a few at most.
constexpr std::size_t kMaxSpareRings = 4;

std::uint64_t* take_ring(std::size_t words) {
  auto& spares = registry().spare_rings;
  std::erase_if(spares, [words](const BufferRegistry::SpareRing& spare) {
    if (spare.bytes == words * 8) return false;
    ::munmap(spare.words, spare.bytes);  // of the size an earlier session chose
    return true;
  });
  if (spares.empty()) return map_ring(words);
  std::uint64_t* ring = spares.back().words;
  spares.pop_back();
  return ring;
}

void give_ring(std::uint64_t* ring, std::size_t words) {
  auto& spares = registry().spare_rings;
  if (spares.size() < kMaxSpareRings) {
    try {
      spares.push_back({ring, words * 8});
      return;
    } catch (...) {  // out of memory: unmapped below
    }
  }
  ::munmap(ring, words * 8);
}

// After the thread's TLS destructors ran, a new buffer is never retired (the main thread can
// still record while static objects, io_contexts among them, are destroyed).
thread_local bool t_tls_gone = false;

struct Retirer {
  ThreadBuffer* buffer = nullptr;
  ~Retirer() {
    t_buffer = nullptr;
    t_tls_gone = true;
    if (buffer != nullptr) buffer->retired.store(true, std::memory_order_release);
  }
};
thread_local Retirer t_retirer;

}  // namespace

constinit thread_local ThreadBuffer* t_buffer [[gnu::tls_model("initial-exec")]] = nullptr;

ThreadBuffer::ThreadBuffer(std::size_t words, std::uint32_t thread)
    : capacity_(round_up_pow2(words)),
      unreserved_(capacity_ - capacity_ / kReserveDivisor),
      mask_(capacity_ - 1),
      ring_(take_ring(capacity_)),
      thread_(thread) {
  pthread_getname_np(pthread_self(), name_, sizeof name_);
}

ThreadBuffer::~ThreadBuffer() {
  give_ring(ring_, capacity_);
}

void ThreadBuffer::wake_writer() noexcept {
  writer_signal().cv.notify_one();
}

BufferRegistry& registry() {
  static BufferRegistry* r = new BufferRegistry;  // leaked: see BufferRegistry
  return *r;
}

ThreadBuffer* register_thread() noexcept {
  if (t_buffer != nullptr) return t_buffer;
  BufferRegistry& r = registry();
  auto tid = static_cast<std::uint32_t>(::syscall(SYS_gettid));
  ThreadBuffer* b = nullptr;
  try {
    QuietLock lock(r.mutex);
    b = new ThreadBuffer(r.words_per_buffer, tid);
    r.buffers.push_back(b);
  } catch (...) {
    delete b;
    return nullptr;
  }
  if (!t_tls_gone) t_retirer.buffer = b;
  t_buffer = b;
  return b;
}

}  // namespace coscope::tracer::detail
