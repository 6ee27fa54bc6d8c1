// Boost.Asio's custom handler-tracking header: BOOST_ASIO_CUSTOM_HANDLER_TRACKING names this
// file (an INTERFACE compile definition of coscope::tracer), and Asio includes it from
// boost/asio/detail/handler_tracking.hpp. Asio requires all 16 macros.
#pragma once

#include "coscope/asio/hooks.hpp"

#define BOOST_ASIO_INHERIT_TRACKED_HANDLER : public ::coscope::asio_hooks::tracked_handler
#define BOOST_ASIO_ALSO_INHERIT_TRACKED_HANDLER , public ::coscope::asio_hooks::tracked_handler

// The recorder starts from the environment on its own; nothing to do per io_context.
#define BOOST_ASIO_HANDLER_TRACKING_INIT (void)0

// `frame` is use_awaitable's awaiting frame where it is in scope, boost::asio::frame otherwise.
#define BOOST_ASIO_HANDLER_LOCATION(args)                   \
  ::coscope::asio_hooks::location coscope_tracked_location( \
      ::coscope::asio_hooks::make_location args, frame)

#define BOOST_ASIO_HANDLER_CREATION(args) ::coscope::asio_hooks::creation args

#define BOOST_ASIO_HANDLER_COMPLETION(args) \
  ::coscope::asio_hooks::completion tracked_completion args

#define BOOST_ASIO_HANDLER_INVOCATION_BEGIN(args) tracked_completion.invocation_begin args

#define BOOST_ASIO_HANDLER_INVOCATION_END tracked_completion.invocation_end()

// Operations without a handler (close, cancel) and reactor bookkeeping say nothing about
// tasks: they expand to nothing.
#define BOOST_ASIO_HANDLER_OPERATION(args) (void)0
#define BOOST_ASIO_HANDLER_REACTOR_REGISTRATION(args) (void)0
#define BOOST_ASIO_HANDLER_REACTOR_DEREGISTRATION(args) (void)0
#define BOOST_ASIO_HANDLER_REACTOR_READ_EVENT 1
#define BOOST_ASIO_HANDLER_REACTOR_WRITE_EVENT 2
#define BOOST_ASIO_HANDLER_REACTOR_ERROR_EVENT 4
#define BOOST_ASIO_HANDLER_REACTOR_EVENTS(args) (void)0

#define BOOST_ASIO_HANDLER_REACTOR_OPERATION(args) ::coscope::asio_hooks::reactor_operation args
