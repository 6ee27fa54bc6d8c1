// One recording thread's ring buffer: single producer (the thread), single consumer (the
// writer). Records are runs of 64-bit words; see event_layout.hpp.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>

namespace coscope::tracer::detail {

class ThreadBuffer {
 public:
  // Both with registry().mutex held (session.hpp): the ring may come from, and goes back to,
  // the registry's spare rings.
  ThreadBuffer(std::size_t words, std::uint32_t thread);
  ~ThreadBuffer();
  ThreadBuffer(const ThreadBuffer&) = delete;
  ThreadBuffer& operator=(const ThreadBuffer&) = delete;

  // Producer: room for n words at the returned position, or a drop of `events` trace events
  // counted (false). The record is written with put() and published with commit(); nothing
  // in between may fail. The last 1/kReserveDivisor of the ring is kept for `lasting`
  // records (a task's spawn and end, findings): when the writer falls behind, a task's
  // resumes and suspensions are lost first, and the trace still says it ended.
  [[gnu::always_inline]] bool reserve(std::size_t n, std::uint64_t& head, unsigned events = 1,
                                      bool lasting = false) noexcept {
    head = head_.load(std::memory_order_relaxed);
    const std::size_t room = lasting ? capacity_ : unreserved_;
    if (head + n - cached_tail_ > room) [[unlikely]] {
      cached_tail_ = tail_.load(std::memory_order_acquire);
      if (head + n - cached_tail_ > room) {
        dropped_.fetch_add(events, std::memory_order_relaxed);
        return false;
      }
    }
    return true;
  }
  [[gnu::always_inline]] void put(std::uint64_t at, std::uint64_t word) noexcept {
    ring_[at & mask_] = word;
  }
  // For a run of put()s: the ring and its mask in locals (stores through ring_ may alias the
  // members, which put() would reload after each store).
  struct Writer {
    std::uint64_t* ring;
    std::uint64_t mask;
    [[gnu::always_inline]] void put(std::uint64_t at, std::uint64_t word) const noexcept {
      ring[at & mask] = word;
    }
  };
  [[gnu::always_inline]] Writer writer() const noexcept { return Writer{ring_, mask_}; }
  [[gnu::always_inline]] void commit(std::uint64_t new_head) noexcept {
    head_.store(new_head, std::memory_order_release);
    prefetch_for_write(ring_ + ((new_head + kPrefetchWords) & mask_));
    if (new_head - cached_tail_ > capacity_ / kWakeDivisor) [[unlikely]]
      filling(new_head);
  }

  // Consumer side.
  std::uint64_t head() const noexcept { return head_.load(std::memory_order_acquire); }
  std::uint64_t tail() const noexcept { return tail_.load(std::memory_order_relaxed); }
  std::uint64_t word(std::uint64_t index) const noexcept { return ring_[index & mask_]; }
  void release(std::uint64_t new_tail) noexcept {
    tail_.store(new_tail, std::memory_order_release);
  }
  std::uint64_t take_dropped() noexcept { return dropped_.exchange(0, std::memory_order_relaxed); }

  std::uint32_t thread() const noexcept { return thread_; }
  // The thread's name when it registered (read then: the writer may run after it exited).
  const char* name() const noexcept { return name_; }
  std::size_t capacity() const noexcept { return capacity_; }
  // Set when the thread exits; the writer frees the buffer once drained.
  std::atomic<bool> retired{false};

 private:
  // The ring looks more than a quarter full: refresh the tail and wake the writer once per
  // crossing (a wake per event would cost a futex call each while the writer sleeps). A
  // quarter, not a half: on a loaded machine the writer may wait a while for a CPU once
  // woken, and the rest of the ring must absorb what the program records meanwhile.
  static constexpr std::size_t kWakeDivisor = 4;
  // The line written a few records ahead is fetched for writing now: the writer thread read
  // it last (or it left the cache), and a store that misses stalls the next atomic
  // instruction of the hot path until it completes.
  static constexpr std::size_t kPrefetchWords = 32;
  [[gnu::always_inline]] static void prefetch_for_write(const std::uint64_t* p) noexcept {
#if defined(__x86_64__)
    // PREFETCHW (a no-op on processors without it); GCC emits it only with -mprfchw.
    asm volatile("prefetchw %0" : : "m"(*p));
#else
    __builtin_prefetch(p, 1, 3);
#endif
  }
  void filling(std::uint64_t head) noexcept {
    cached_tail_ = tail_.load(std::memory_order_acquire);
    if (head - cached_tail_ <= capacity_ / kWakeDivisor) {
      woke_writer_ = false;
    } else if (!woke_writer_) {
      woke_writer_ = true;
      wake_writer();
    }
  }
  void wake_writer() noexcept;

  static constexpr std::size_t kReserveDivisor = 16;
  const std::size_t capacity_;
  const std::size_t unreserved_;  // what the records that are not lasting may fill
  const std::size_t mask_;
  std::uint64_t* ring_;  // mmap'ed, populated up front (see the constructor)
  const std::uint32_t thread_;
  char name_[16] = {};
  alignas(64) std::atomic<std::uint64_t> head_{0};
  std::uint64_t cached_tail_ = 0;  // producer's copy, refreshed when the ring looks a quarter full
  bool woke_writer_ = false;
  std::atomic<std::uint64_t> dropped_{0};
  alignas(64) std::atomic<std::uint64_t> tail_{0};
};

// The calling thread's buffer: one initial-exec TLS load once registered (register_thread()
// in thread_buffer.cpp; nullptr when it cannot be allocated).
ThreadBuffer* register_thread() noexcept;
// constinit: no TLS wrapper call to check for a dynamic initializer on every record.
extern constinit thread_local ThreadBuffer* t_buffer [[gnu::tls_model("initial-exec")]];
[[gnu::always_inline]] inline ThreadBuffer* thread_buffer() noexcept {
  ThreadBuffer* b = t_buffer;
  return b != nullptr ? b : register_thread();
}

}  // namespace coscope::tracer::detail
