#pragma once

// Catch2 v3 where CMake found it, else Debian's v2 single header.
#if __has_include(<catch2/catch_test_macros.hpp>)
#include <catch2/catch_test_macros.hpp>
#else
#include <catch2/catch.hpp>
#endif
