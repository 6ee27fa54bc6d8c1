#include "view_state.hpp"

namespace coscope::tui {

const char* state_filter_name(StateFilter filter) {
  switch (filter) {
    case StateFilter::all:
      return "all";
    case StateFilter::live:
      return "live";
    case StateFilter::running:
      return "running";
    case StateFilter::scheduled:
      return "scheduled";
    case StateFilter::suspended:
      return "suspended";
    case StateFilter::done:
      return "done";
    case StateFilter::failed:
      return "failed";
  }
  return "all";
}

}  // namespace coscope::tui
