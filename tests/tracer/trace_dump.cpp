// Prints a trace's tasks and their events: a debugging aid for the tracer tests.
#include <cstdio>

#include "trace_model.hpp"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: trace_dump FILE\n");
    return 2;
  }
  coscope::testing::Trace t = coscope::testing::read_trace(argv[1]);
  for (const auto& p : t.problems) std::printf("PROBLEM %s\n", p.c_str());
  std::printf("events %llu dropped %llu tasks %zu stacks %zu symbols %zu modules %zu\n",
              static_cast<unsigned long long>(t.events), static_cast<unsigned long long>(t.dropped),
              t.tasks.size(), t.stacks.size(), t.symbols.size(), t.modules.size());
  for (const auto& [id, task] : t.tasks) {
    std::printf("task %llu parent %llu name '%s'\n  %s\n", static_cast<unsigned long long>(id),
                static_cast<unsigned long long>(task.spawn.parent), task.name.c_str(),
                task.kinds().c_str());
    for (const auto& e : task.events) {
      std::printf("    %-9s t=%llu thread=%u %s\n", coscope::format::kind_name(e.kind),
                  static_cast<unsigned long long>(e.time), e.thread, e.operation.c_str());
      if (e.kind == coscope::format::RecordKind::task_suspend) {
        std::printf("  suspend %s @thread %u awaiters:", e.operation.c_str(), e.thread);
        for (const auto& n : t.awaiter_names(e.stack)) std::printf(" [%s]", n.c_str());
        std::printf("\n");
      }
      if (e.kind == coscope::format::RecordKind::task_complete)
        std::printf("  complete status %d %s %s\n", static_cast<int>(e.status),
                    e.exception_type.c_str(), e.message.c_str());
    }
  }
  return 0;
}
