// Second pass of a load: merges the staged events into time order and replays them once,
// producing the compact event store, keyframes, per-task and per-thread figures, the
// activity grid, and findings, logs and annotations in time order.
#pragma once

#include "loader.hpp"
#include "model_data.hpp"

namespace coscope::model::detail {

void build_index(ModelData& data, Loaded& loaded, const LoadOptions& options);

}  // namespace coscope::model::detail
