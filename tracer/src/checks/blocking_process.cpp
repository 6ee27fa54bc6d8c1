// DNS resolution and child processes: each waits for something outside the program.
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>

#include "blocking_probe.hpp"
#include "next_symbol.hpp"

using coscope::checks::BlockingProbe;

extern "C" {

int getaddrinfo(const char* node, const char* service, const addrinfo* hints, addrinfo** result) {
  COSCOPE_UNLESS_WATCHING(getaddrinfo, node, service, hints, result);
  BlockingProbe probe("getaddrinfo", __builtin_return_address(0));
  int r = COSCOPE_NEXT(getaddrinfo)(node, service, hints, result);
  probe.report();
  return r;
}

hostent* gethostbyname(const char* name) {
  COSCOPE_UNLESS_WATCHING(gethostbyname, name);
  BlockingProbe probe("gethostbyname", __builtin_return_address(0));
  hostent* r = COSCOPE_NEXT(gethostbyname)(name);
  probe.report();
  return r;
}

int system(const char* command) {
  COSCOPE_UNLESS_WATCHING(system, command);
  BlockingProbe probe("system", __builtin_return_address(0));
  int r = COSCOPE_NEXT(system)(command);
  probe.report();
  return r;
}

pid_t waitpid(pid_t pid, int* status, int options) {
  COSCOPE_UNLESS_WATCHING(waitpid, pid, status, options);
  BlockingProbe probe("waitpid", __builtin_return_address(0));
  if ((options & WNOHANG) != 0) probe.disarm();
  pid_t r = COSCOPE_NEXT(waitpid)(pid, status, options);
  probe.report();
  return r;
}

pid_t wait(int* status) {
  COSCOPE_UNLESS_WATCHING(wait, status);
  BlockingProbe probe("wait", __builtin_return_address(0));
  pid_t r = COSCOPE_NEXT(wait)(status);
  probe.report();
  return r;
}

FILE* popen(const char* command, const char* mode) {
  COSCOPE_UNLESS_WATCHING(popen, command, mode);
  BlockingProbe probe("popen", __builtin_return_address(0));
  FILE* r = COSCOPE_NEXT(popen)(command, mode);
  probe.report();
  return r;
}

int pclose(FILE* stream) {
  COSCOPE_UNLESS_WATCHING(pclose, stream);
  BlockingProbe probe("pclose", __builtin_return_address(0));
  int r = COSCOPE_NEXT(pclose)(stream);
  probe.report();
  return r;
}

}  // extern "C"

extern "C" const char coscope_blocking_process_anchor = 0;
