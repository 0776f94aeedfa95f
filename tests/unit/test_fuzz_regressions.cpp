// Inputs the fuzz targets (tests/fuzz) found, each fixed: a parser gives a value
// or throws cppvenv's Error naming what it read, never anything else.
#include "catch_compat.hpp"
#include "python/facts_json.hpp"
#include "util/error.hpp"

using namespace cppvenv;

TEST_CASE("facts whose version part is a float or too large are refused, not undefined") {
    // Found by the facts_json fuzz target: get<int>() of 1e300 is undefined behaviour.
    CHECK_THROWS_AS(facts_from_json(R"({"implementation": "cpython", "version": [3, 1e300, 2]})"),
                    Error);
    CHECK_THROWS_AS(
        facts_from_json(R"({"implementation": "cpython", "version": [3, 99999999999, 2]})"), Error);
    CHECK_THROWS_AS(facts_from_json(R"({"implementation": "cpython", "version": [3, -1, 2]})"),
                    Error);
    CHECK(facts_from_json(R"({"implementation": "cpython", "version": [3, 12, 1]})").micro == 1);
}
