// Reads a trace back through format::TraceReader into what the tracer tests assert on: the
// tasks with their spawn record and their events in order, with strings, stacks, symbols.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "coscope/format/reader.hpp"
#include "coscope/format/records.hpp"

namespace coscope::testing {

struct TaskEvent {
  format::RecordKind kind;
  std::uint64_t time = 0;
  std::uint32_t thread = 0;
  std::string operation;  // suspend, handler_destroyed
  format::StackId stack = 0;
  format::CompletionStatus status = format::CompletionStatus::ok;
  std::string exception_type;
  std::string message;
};

struct TracedTask {
  format::TaskSpawn spawn;
  std::string name;  // the spawn's name string
  std::vector<TaskEvent> events;
  // "spawn resume suspend end ..." for compact order assertions.
  std::string kinds() const;
  bool completed() const;
  bool lost() const;
};

struct Trace {
  format::FileHeader header;
  std::map<format::StringId, std::string> strings;
  std::map<format::StackId, format::StackDef> stacks;
  std::map<format::LocationId, format::LocationDef> locations;
  std::map<std::uint64_t, format::SymbolDef> symbols;
  std::vector<format::ModuleDef> modules;
  std::map<format::TaskId, TracedTask> tasks;
  std::vector<format::Record> findings;  // exception, dropped, lost, ...
  std::uint64_t dropped = 0;
  std::uint64_t events = 0;
  std::vector<std::string> problems;  // definitions used before defined, damage, ...

  // The function the address is in (the last of its inline chain).
  std::string function_at(std::uint64_t address) const;
  // Function names of a stack's awaiters (innermost first), and of its frames (each address's
  // inline chain, innermost first, as the inspector shows them).
  std::vector<std::string> awaiter_names(format::StackId id) const;
  std::vector<std::string> frame_names(format::StackId id) const;
  std::vector<const TracedTask*> named(const std::string& fragment) const;
  std::vector<const TracedTask*> children_of(format::TaskId parent) const;
};

Trace read_trace(const std::string& path);

}  // namespace coscope::testing
