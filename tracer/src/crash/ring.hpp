// Ring mode (COSCOPE_MODE=ring, COSCOPE_RING_MB): the writer keeps the newest event chunks in
// memory, dropping the oldest whole chunks past the limit, and writes them to the trace at
// stop, on a crash, on SIGUSR2 or coscope::dump_ring(). Definitions (strings, stacks,
// symbols) still go to the file as they come, so every dump is self-describing. All of this
// runs on the writer thread, except the requests, which are async-signal-safe flag stores.
#pragma once

#include "coscope/format/chunk_encoder.hpp"
#include "coscope/format/writer.hpp"

namespace coscope::crash {

// True in ring mode, after keeping a copy of the chunk (the caller then does not write it).
bool ring_keep(const format::ChunkEncoder& chunk);
// A dump was asked for since the last one (SIGUSR2, dump_ring()).
bool ring_dump_requested() noexcept;
// Writes the kept chunks, oldest first, and forgets them. Nothing outside ring mode.
void ring_dump(format::TraceWriter& writer);
void request_ring_dump() noexcept;
// Makes SIGUSR2 request a dump (once; not when the program has its own handler). Done at
// start-up when COSCOPE_TRACE starts tracing, and at the first kept chunk otherwise.
void install_sigusr2() noexcept;

}  // namespace coscope::crash
