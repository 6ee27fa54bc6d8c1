// Shorter spellings of C++ symbol names for narrow columns: coroutine resume functions come
// as "(anonymous namespace)::session() [clone .actor]"; the UI shows "session()". Display
// only: filters and the CLI keep the full names.
#pragma once

#include <string>
#include <string_view>

#include "coscope/model/stack.hpp"

namespace coscope::tui {

// Drops "(anonymous namespace)::" and the compilers' clone suffixes (" [clone .actor]",
// " [clone .resume]", " [clone .destroy]", " [clone .cold]") anywhere in the text.
std::string short_name(std::string_view name);

// The frame's description with every source path cut to its last two components
// ("/home/me/src/app/server.cpp" -> "…/app/server.cpp", using `ellipsis`): for rows too narrow
// for the full paths, where the file name and line matter more than the directories.
std::string describe_with_short_paths(const model::AsyncFrame& frame, std::string_view ellipsis);

}  // namespace coscope::tui
