#include "oracle.hpp"

#include <algorithm>

namespace coscope::inspect::testing {

using model::Phase;
namespace f = coscope::format;

namespace {
f::Timestamp time_of(const f::Record& r) {
  return std::visit(
      [](const auto& e) -> f::Timestamp {
        if constexpr (std::is_base_of_v<f::EventBase, std::decay_t<decltype(e)>>)
          return e.time;
        else
          return 0;
      },
      r);
}
}  // namespace

Oracle::Oracle(const std::vector<Chunk>& chunks) {
  for (const Chunk& c : chunks)
    for (const f::Record& r : c.records)
      if (f::is_event(r)) events_.push_back(r);
  std::stable_sort(events_.begin(), events_.end(),
                   [](const f::Record& a, const f::Record& b) { return time_of(a) < time_of(b); });
}

void Oracle::advance_to(std::size_t count) {
  while (applied_ < count && applied_ < events_.size()) apply(events_[applied_++]);
}

void Oracle::advance_to_time(f::Timestamp t) {
  while (applied_ < events_.size() && time_of(events_[applied_]) <= t) apply(events_[applied_++]);
}

void Oracle::apply(const f::Record& r) {
  auto task = [&](f::TaskId id) -> OracleTask* {
    if (id == 0) return nullptr;
    OracleTask& t = tasks_[id];
    return t.phase == Phase::done || t.phase == Phase::failed ? nullptr : &t;
  };
  if (auto* e = std::get_if<f::TaskSpawn>(&r)) {
    if (OracleTask* t = task(e->task))
      *t = OracleTask{Phase::scheduled, 0, e->time, 0, 0, 0, false};
  } else if (auto* e = std::get_if<f::TaskResume>(&r)) {
    if (OracleTask* t = task(e->task)) {
      t->phase = Phase::running;
      t->thread = e->thread;
      t->since = e->time;
      t->woken = false;
    }
  } else if (auto* e = std::get_if<f::TaskSuspend>(&r)) {
    if (OracleTask* t = task(e->task)) {
      t->operation = e->operation;
      t->location = e->location;
      t->stack = e->stack;
      if (t->phase != Phase::running) {
        t->phase = Phase::suspended;
        t->since = e->time;
      }
    }
  } else if (auto* e = std::get_if<f::ResumeEnd>(&r)) {
    if (OracleTask* t = task(e->task)) {
      if (t->phase == Phase::running) {
        t->phase = t->woken ? Phase::scheduled : Phase::suspended;
        t->since = e->time;
      }
      t->woken = false;
    }
  } else if (auto* e = std::get_if<f::TaskWake>(&r)) {
    if (OracleTask* t = task(e->task)) {
      if (t->phase == Phase::running) {
        t->woken = true;
      } else if (t->phase != Phase::scheduled) {
        t->phase = Phase::scheduled;
        t->since = e->time;
      }
    }
  } else if (auto* e = std::get_if<f::TaskComplete>(&r)) {
    if (OracleTask* t = task(e->task)) {
      t->phase = e->status == f::CompletionStatus::ok ? Phase::done : Phase::failed;
      t->since = e->time;
      t->woken = false;
    }
  }
}

}  // namespace coscope::inspect::testing
