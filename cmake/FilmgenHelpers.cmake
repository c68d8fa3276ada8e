# filmgen_add_library(NAME SOURCES ... [DEPS ...]): a static library with the project's
# warnings and include/ on its public include path.
function(filmgen_add_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR}/include ${CMAKE_CURRENT_SOURCE_DIR})
  target_compile_options(${name} PRIVATE -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers)
  target_link_libraries(${name} PUBLIC ${ARG_DEPS} PRIVATE ${ARG_PRIVATE_DEPS})
endfunction()

# filmgen_add_test(NAME SOURCES ... LIBS ... [LABELS ...]): one Catch2 binary whose test
# cases CTest discovers one by one. Tests find data through FILMGEN_TEST_DATA_DIR
# (tests/data), FILMGEN_SOURCE_DIR and FILMGEN_SHARED_DIR (../shared beside the checkout).
function(filmgen_add_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBS;LABELS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE filmgen_test_main ${ARG_LIBS})
  target_compile_options(${name} PRIVATE -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers)
  catch_discover_tests(${name}
    EXTRA_ARGS -w NoTests
    PROPERTIES LABELS "${ARG_LABELS}" ENVIRONMENT "FILMGEN_CACHE_DIR=${CMAKE_BINARY_DIR}/test-cache")
endfunction()
