// JSON forms of model objects, shared by the --json outputs (nlohmann::ordered_json keeps
// keys in the order written, so outputs are stable for scripts and golden files).
#pragma once

#include <nlohmann/json.hpp>

#include "coscope/model/model.hpp"

namespace coscope::inspect {

using Json = nlohmann::ordered_json;

Json percentiles_json(const model::Percentiles& p);
Json stack_json(const model::AsyncStack& stack);
Json task_json(const model::Model& m, model::TaskIndex t, const model::TaskState& state);
Json finding_json(const model::Model& m, const model::Finding& f, bool with_stack);
Json damage_json(const model::Model& m);
// "12 (session)" / "12"
std::string task_label(const model::Model& m, model::TaskIndex t);
std::string thread_label(const model::Model& m, model::ThreadIndex t);
// A suspended task's awaited operation, or "" in other phases.
std::string awaiting(const model::Model& m, const model::TaskState& s);

}  // namespace coscope::inspect
