# cmake -DINPUT=file -DOUTPUT=file.cpp -DNAME=kSymbol -P embed.cmake
# Writes a C++ source defining `const char coscope::lint::NAME[]` with the file's text, so the
# shipped data (catalog, doc pages) is part of the binary and cannot go missing at run time.
file(READ "${INPUT}" content)
string(LENGTH "${content}" length)
if(length GREATER 60000)
  message(FATAL_ERROR "${INPUT} is too large to embed as one string literal (${length} bytes)")
endif()
string(FIND "${content}" ")coscope_embed\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${INPUT} contains the raw string delimiter")
endif()
file(WRITE "${OUTPUT}.tmp"
  "// Generated from ${INPUT} by lint/cmake/embed.cmake. Do not edit.\n"
  "namespace coscope::lint {\n"
  "extern const char ${NAME}[];\n"
  "const char ${NAME}[] = R\"coscope_embed(${content})coscope_embed\";\n"
  "}  // namespace coscope::lint\n")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
