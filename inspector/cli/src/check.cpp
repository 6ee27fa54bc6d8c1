// `check`: lists findings and fails (exit 1) when any is of a kind asked about, so a CI
// load test can fail on a blocking call.
#include <algorithm>
#include <ostream>

#include "commands.hpp"
#include "coscope/inspect/cli.hpp"
#include "coscope/model/format_time.hpp"
#include "json_output.hpp"
#include "stack_text.hpp"

namespace coscope::inspect {

int check_command(const model::Model& m, const CheckOptions& o, std::ostream& out) {
  auto fails = [&](model::FindingKind k) {
    if (o.fail_on.empty()) return model::severity(k) == model::Severity::warning;
    return std::find(o.fail_on.begin(), o.fail_on.end(), k) != o.fail_on.end();
  };
  std::size_t failing = 0;
  Json items = Json::array();
  for (const model::Finding& f : m.findings()) {
    const bool bad = fails(f.kind);
    failing += bad;
    if (o.json) {
      Json j = finding_json(m, f, bad);
      j["fails"] = bad;
      items.push_back(std::move(j));
      continue;
    }
    out << (bad ? "FAIL " : "note ") << model::format_time(f.time) << " "
        << model::finding_kind_name(f.kind) << " in task " << task_label(m, f.task) << ": "
        << m.finding_summary(f) << "\n";
    if (!bad) continue;
    print_async_stack(m.finding_stack(f), o.full_stack, "       ", out);
  }
  if (o.json) {
    out << Json{{"failing", failing}, {"findings", std::move(items)}, {"damage", damage_json(m)}}
               .dump(2)
        << "\n";
  } else {
    out << (failing ? "check failed: " : "check passed: ") << failing << " failing finding"
        << (failing == 1 ? "" : "s") << " of " << m.findings().size() << "\n";
  }
  return failing ? kExitFindings : kExitOk;
}

}  // namespace coscope::inspect
