# Warnings live in an INTERFACE target that only first-party targets link, so consumers
# of our installed libraries and third-party headers are never held to our -Werror.
add_library(coscope_warnings INTERFACE)
target_compile_options(coscope_warnings INTERFACE -Wall -Wextra -Wpedantic)
if(COSCOPE_WERROR)
  target_compile_options(coscope_warnings INTERFACE -Werror)
endif()

# coscope_add_first_party(target): mark a target as ours (warnings apply).
function(coscope_first_party target)
  target_link_libraries(${target} PRIVATE $<BUILD_INTERFACE:coscope_warnings>)
endfunction()
