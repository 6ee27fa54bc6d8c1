# Install the exported coscope:: targets and a package config file so that a consumer
# writes find_package(coscope) and links coscope::tracer (or coscope::format).
include(CMakePackageConfigHelpers)

set(COSCOPE_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/coscope)

install(EXPORT coscopeTargets
  NAMESPACE coscope::
  DESTINATION ${COSCOPE_INSTALL_CMAKEDIR})

configure_package_config_file(
  ${CMAKE_CURRENT_LIST_DIR}/coscopeConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/coscopeConfig.cmake
  INSTALL_DESTINATION ${COSCOPE_INSTALL_CMAKEDIR})
write_basic_package_version_file(
  ${CMAKE_CURRENT_BINARY_DIR}/coscopeConfigVersion.cmake
  VERSION ${PROJECT_VERSION}
  COMPATIBILITY SameMinorVersion)
install(FILES
  ${CMAKE_CURRENT_BINARY_DIR}/coscopeConfig.cmake
  ${CMAKE_CURRENT_BINARY_DIR}/coscopeConfigVersion.cmake
  DESTINATION ${COSCOPE_INSTALL_CMAKEDIR})
