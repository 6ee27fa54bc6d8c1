// The drop-in co_spawn's report of a task body that ended with an exception.
#include <cxxabi.h>

#include <exception>
#include <typeinfo>

#include "asio_tasks.hpp"
#include "checks/exceptions.hpp"
#include "coscope/asio/spawn_support.hpp"
#include "symbolizer.hpp"

namespace coscope::asio_hooks {

void body_failed(const void* body, bool dropped) noexcept {
  if (!tracer::active()) return;
  try {
    const std::type_info* type = abi::__cxa_current_exception_type();
    std::string type_name = type == nullptr ? "unknown" : tracer::detail::demangle(type->name());
    std::string message;
    try {
      throw;
    } catch (const std::exception& e) {
      message = e.what();
    } catch (...) {
    }
    // The runtime checks recorded its throw inside the task: they record it, with the throw
    // site, as lost or propagated; the catch site below is for exceptions they did not see.
    bool recorded = checks::exception_leaves_task(dropped);
    format::ExceptionThrown thrown;
    thrown.task = task_of_body(body);
    thrown.type = tracer::intern(type_name);
    thrown.message = message;
    thrown.fate = dropped ? format::ExceptionFate::lost : format::ExceptionFate::propagated;
    tracer::RawStack stack;
    tracer::capture_frames(stack, 0);
    tracer::capture_awaiters(stack);
    if (!recorded)
      tracer::emit(std::move(thrown), tracer::stack_mode() == StackMode::off ? nullptr : &stack);
    body_finished(
        body,
        dropped ? format::CompletionStatus::lost_exception : format::CompletionStatus::exception,
        type_name, message);
  } catch (...) {  // out of memory: nothing recorded
  }
}

}  // namespace coscope::asio_hooks
