# Warnings live in an INTERFACE target that only first-party targets link, so consumers
# of our installed libraries and third-party headers are never held to our -Werror.
add_library(coscope_warnings INTERFACE)
target_compile_options(coscope_warnings INTERFACE -Wall -Wextra -Wpedantic)
if(COSCOPE_WERROR)
  target_compile_options(coscope_warnings INTERFACE -Werror)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    # g++ 12 at -O3 reports -Wrestrict inside libstdc++'s std::string concatenation (GCC bug
    # 105651), which broke Release builds of the UI; keep it a warning, not an error.
    target_compile_options(coscope_warnings INTERFACE -Wno-error=restrict)
  endif()
endif()

# coscope_add_first_party(target): mark a target as ours (warnings apply).
function(coscope_first_party target)
  target_link_libraries(${target} PRIVATE $<BUILD_INTERFACE:coscope_warnings>)
endfunction()
