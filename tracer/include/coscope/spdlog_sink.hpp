// A spdlog sink that records every message into the trace, tagged with the task that logged
// it (task 0 outside any task). One line adds it to a logger:
//   logger->sinks().push_back(std::make_shared<coscope::spdlog_sink_mt>());
// Header-only: only programs that include it need spdlog. The trace keeps the message's
// payload (its own time, thread and task replace spdlog's pattern) and the logger's name.
#pragma once

#include <spdlog/details/null_mutex.h>
#include <spdlog/sinks/base_sink.h>

#include <mutex>
#include <string>
#include <string_view>

#include "coscope/tracer/recorder.hpp"

namespace coscope {

template <typename Mutex>
class spdlog_sink final : public spdlog::sinks::base_sink<Mutex> {
 protected:
  void sink_it_(const spdlog::details::log_msg& message) override {
    if (!tracer::active() || message.level >= spdlog::level::off) return;
    format::LogRecord record;
    record.task = tracer::current_task();
    record.level = static_cast<std::uint8_t>(message.level);  // spdlog's trace(0)..critical(5)
    record.logger =
        tracer::intern(std::string_view(message.logger_name.data(), message.logger_name.size()));
    record.text.assign(message.payload.data(), message.payload.size());
    tracer::emit(std::move(record));
  }
  void flush_() override {}  // the tracer's writer flushes
};

// For loggers used from several threads (the usual case with io_context::run on N threads).
using spdlog_sink_mt = spdlog_sink<std::mutex>;
// For a logger used from one thread only.
using spdlog_sink_st = spdlog_sink<spdlog::details::null_mutex>;

}  // namespace coscope
