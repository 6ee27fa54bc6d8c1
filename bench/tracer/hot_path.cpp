// bench_tracer_hot_path: Google Benchmark of the recording hot path, tracing to a file in
// /tmp. Batches of events are timed; between batches (untimed) the writer drains, so the
// figures are for recorded events, never for the cheaper drop path.
#include <benchmark/benchmark.h>

#include "coscope/tracer.hpp"
#include "coscope/tracer/recorder.hpp"

namespace {

using coscope::tracer::RawStack;
constexpr int kBatch = 8192;  // 24-byte events: well inside the default 1 MiB ring

struct Session {
  Session() {
    coscope::TraceOptions o;
    o.path = "/tmp/coscope_bench_hot_path.cotrace";
    coscope::start(o);
  }
  ~Session() { coscope::stop(); }
};

void drain(benchmark::State& state) {
  state.PauseTiming();
  coscope::flush();
  state.ResumeTiming();
}

void BM_event_without_stack(benchmark::State& state) {
  Session session;
  int n = 0;
  for (auto _ : state) {
    coscope::tracer::record_resume(42);
    if (++n == kBatch) {
      n = 0;
      drain(state);
    }
  }
}
BENCHMARK(BM_event_without_stack);

void BM_suspend_with_16_frame_stack(benchmark::State& state) {
  Session session;
  RawStack stack;
  stack.frames = 16;
  stack.awaiters = 0;
  for (int i = 0; i < 16; ++i) stack.frame[i] = 0x400000 + 64 * static_cast<unsigned>(i);
  int n = 0;
  for (auto _ : state) {
    coscope::tracer::record_suspend(42, "socket", "async_receive", {}, &stack);
    if (++n == kBatch / 8) {
      n = 0;
      drain(state);
    }
  }
}
BENCHMARK(BM_suspend_with_16_frame_stack);

// What a suspend costs with COSCOPE_STACKS=suspend: unwinding included.
[[gnu::noinline]] void capture_and_record(int depth) {
  if (depth > 0) {
    capture_and_record(depth - 1);
    benchmark::ClobberMemory();
    return;
  }
  RawStack stack;
  coscope::tracer::capture_frames(stack);
  coscope::tracer::record_suspend(42, "socket", "async_receive", {}, &stack);
}

void BM_capture_16_frames_and_record(benchmark::State& state) {
  Session session;
  int n = 0;
  for (auto _ : state) {
    capture_and_record(12);  // + the benchmark's own frames ≈ 16
    if (++n == kBatch / 8) {
      n = 0;
      drain(state);
    }
  }
}
BENCHMARK(BM_capture_16_frames_and_record);

}  // namespace

BENCHMARK_MAIN();
