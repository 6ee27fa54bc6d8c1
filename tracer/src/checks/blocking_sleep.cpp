// Sleeps inside a task (std::this_thread::sleep_for reaches nanosleep through libstdc++).
// Each is a finding whatever its length: a sleeping resume holds its event-loop thread.
#include <time.h>
#include <unistd.h>

#include "blocking_probe.hpp"
#include "next_symbol.hpp"

using coscope::checks::BlockingProbe;

extern "C" {

int nanosleep(const timespec* duration, timespec* remaining) {
  COSCOPE_UNLESS_WATCHING(nanosleep, duration, remaining);
  BlockingProbe probe("nanosleep", __builtin_return_address(0));
  int r = COSCOPE_NEXT(nanosleep)(duration, remaining);
  probe.report();
  return r;
}

int clock_nanosleep(clockid_t clock, int flags, const timespec* duration, timespec* remaining) {
  COSCOPE_UNLESS_WATCHING(clock_nanosleep, clock, flags, duration, remaining);
  BlockingProbe probe("clock_nanosleep", __builtin_return_address(0));
  int r = COSCOPE_NEXT(clock_nanosleep)(clock, flags, duration, remaining);
  probe.report();
  return r;
}

int usleep(useconds_t microseconds) {
  COSCOPE_UNLESS_WATCHING(usleep, microseconds);
  BlockingProbe probe("usleep", __builtin_return_address(0));
  int r = COSCOPE_NEXT(usleep)(microseconds);
  probe.report();
  return r;
}

unsigned int sleep(unsigned int seconds) {
  COSCOPE_UNLESS_WATCHING(sleep, seconds);
  BlockingProbe probe("sleep", __builtin_return_address(0));
  unsigned int r = COSCOPE_NEXT(sleep)(seconds);
  probe.report();
  return r;
}

}  // extern "C"

// Referenced by anchors.cpp so that a static link keeps this object (see there).
extern "C" const char coscope_blocking_sleep_anchor = 0;
