# cmake -P script: install, configure the consumer, build it, run it.
file(REMOVE_RECURSE ${WORK_DIR})
set(prefix ${WORK_DIR}/prefix)

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (${rc}): ${ARGN}\n${out}")
  endif()
endfunction()

run(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix})
run(${CMAKE_COMMAND} -S ${CONSUMER_DIR} -B ${WORK_DIR}/build -G ${GENERATOR}
    -DCMAKE_CXX_COMPILER=${CXX} -DCMAKE_PREFIX_PATH=${prefix})
run(${CMAKE_COMMAND} --build ${WORK_DIR}/build)
run(${WORK_DIR}/build/format_consumer ${WORK_DIR}/format.cotrace)
if(EXISTS ${WORK_DIR}/build/tracer_consumer)
  # The zero-change path: the program does not mention coscope; the environment turns it on.
  run(${CMAKE_COMMAND} -E env COSCOPE_TRACE=${WORK_DIR}/tracer.cotrace ${WORK_DIR}/build/tracer_consumer)
  if(NOT EXISTS ${WORK_DIR}/tracer.cotrace)
    message(FATAL_ERROR "the consumer linked coscope::tracer but wrote no trace")
  endif()
  run(${WORK_DIR}/build/format_consumer --check ${WORK_DIR}/tracer.cotrace)
endif()
message(STATUS "consumer built and ran against ${prefix}")
