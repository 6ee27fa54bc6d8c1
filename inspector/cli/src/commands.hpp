// The subcommands of coscope-inspect. Each writes to `out` and returns an exit code; they
// share a loaded model and never print warnings themselves (cli.cpp does).
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "coscope/inspect/export.hpp"
#include "coscope/model/model.hpp"

namespace coscope::inspect {

struct SummaryOptions {
  bool json = false;
  std::size_t top = 10;               // tasks by busy time
  std::size_t findings_per_kind = 3;  // shown with stacks; 0 = all
};
int summary_command(const model::Model& m, const SummaryOptions& o, std::ostream& out);

struct TasksOptions {
  bool json = false;
  model::Time at = 0;
  std::optional<model::Phase> state;
  std::string sort = "id";
  bool reverse = false;
  std::size_t limit = 0;  // 0 = all
};
int tasks_command(const model::Model& m, const TasksOptions& o, std::ostream& out);
// Column names `--sort` accepts.
const std::vector<std::string>& task_sort_columns();

struct TaskOptions {
  bool json = false;
  model::Time at = 0;
  std::size_t limit = 200;  // events listed; 0 = all
  bool full_stack = false;  // library frames too (stack_text.hpp)
};
int task_command(const model::Model& m, model::TaskIndex task, const TaskOptions& o,
                 std::ostream& out);

struct StacksOptions {
  bool json = false;
  model::Time at = 0;
  bool full_stack = false;  // library frames too (stack_text.hpp)
};
int stacks_command(const model::Model& m, const StacksOptions& o, std::ostream& out);

struct CheckOptions {
  bool json = false;
  bool full_stack = false;
  std::vector<model::FindingKind> fail_on;  // empty = every warning kind
};
int check_command(const model::Model& m, const CheckOptions& o, std::ostream& out);

}  // namespace coscope::inspect
