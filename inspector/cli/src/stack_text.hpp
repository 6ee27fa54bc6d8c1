// Async stacks as text for the subcommands. Runs of library frames (std, Boost, the tracer's
// own headers: model::AsyncFrame::in_library) fold into one line each, as in the terminal UI:
// an Asio program's stacks are mostly template frames with names hundreds of characters long.
// `--full-stack` keeps every frame; JSON output always does.
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "coscope/model/model.hpp"

namespace coscope::inspect {

// One line per row (model::AsyncFrame::describe()), or per folded run unless `full`.
std::vector<std::string> async_stack_lines(const model::AsyncStack& stack, bool full);

void print_async_stack(const model::AsyncStack& stack, bool full, std::string_view indent,
                       std::ostream& out);

}  // namespace coscope::inspect
