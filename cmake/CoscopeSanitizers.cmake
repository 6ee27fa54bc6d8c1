# COSCOPE_SANITIZE applies to everything built here, dependencies' inline code included,
# because a sanitizer needs the whole program instrumented to be trustworthy.
if(COSCOPE_SANITIZE)
  string(REPLACE ";" "," _coscope_san "${COSCOPE_SANITIZE}")
  add_compile_options(-fsanitize=${_coscope_san} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${_coscope_san})
  if("thread" IN_LIST COSCOPE_SANITIZE AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    # g++ warns that TSan does not model the atomic_thread_fence in Asio's headers; the reports
    # TSan does give are what we want, so that warning must not fail a -Werror build.
    add_compile_options(-Wno-tsan)
  endif()
  # -O1, the level the sanitizers' authors recommend, in place of RelWithDebInfo's -O2: it
  # halves the compile time of our Asio-heavy tests (test_asio_concurrency.cpp under ASan:
  # 71 s -> 39 s of CPU) and keeps the stacks in reports close to the source.
  string(REPLACE "-O2" "-O1" CMAKE_CXX_FLAGS_RELWITHDEBINFO "${CMAKE_CXX_FLAGS_RELWITHDEBINFO}")
  string(REPLACE "-O2" "-O1" CMAKE_C_FLAGS_RELWITHDEBINFO "${CMAKE_C_FLAGS_RELWITHDEBINFO}")
  message(STATUS "coscope: sanitizers ${_coscope_san}")
endif()
