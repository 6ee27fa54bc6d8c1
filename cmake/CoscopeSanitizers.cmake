# COSCOPE_SANITIZE applies to everything built here, dependencies' inline code included,
# because a sanitizer needs the whole program instrumented to be trustworthy.
if(COSCOPE_SANITIZE)
  string(REPLACE ";" "," _coscope_san "${COSCOPE_SANITIZE}")
  add_compile_options(-fsanitize=${_coscope_san} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${_coscope_san})
  message(STATUS "coscope: sanitizers ${_coscope_san}")
endif()
