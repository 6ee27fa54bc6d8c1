#include "stack_text.hpp"

#include <ostream>

namespace coscope::inspect {

std::vector<std::string> async_stack_lines(const model::AsyncStack& stack, bool full) {
  std::vector<std::string> lines;
  std::size_t run = 0;
  auto end_run = [&] {
    if (run == 0) return;
    lines.push_back(std::to_string(run) + (run == 1 ? " library frame" : " library frames") +
                    " folded");
    run = 0;
  };
  for (const model::AsyncFrame& row : stack) {
    if (!full && row.in_library()) {
      ++run;
      continue;
    }
    end_run();
    lines.push_back(row.describe());
  }
  end_run();
  return lines;
}

void print_async_stack(const model::AsyncStack& stack, bool full, std::string_view indent,
                       std::ostream& out) {
  for (const std::string& line : async_stack_lines(stack, full)) out << indent << line << "\n";
}

}  // namespace coscope::inspect
