#include "catch_compat.hpp"
#include "venv/pip_upgrade.hpp"

#include <string>

using namespace cppvenv;

TEST_CASE("pip gets cppvenv's -q as --quiet and each -v as -v", "[pip_upgrade]") {
    CHECK(pip_verbosity_flags(-1) == std::vector<std::string>{"--quiet"});
    CHECK(pip_verbosity_flags(0).empty());
    CHECK(pip_verbosity_flags(2) == std::vector<std::string>{"-v", "-v"});
}

TEST_CASE("pip's log: an index page it could not reach is named with the reason", "[pip_upgrade]") {
    const std::string refused =
        "2026-12-01T17:12:21,201 Could not fetch URL http://127.0.0.1:9/pip/: connection error: "
        "HTTPConnectionPool(host='127.0.0.1', port=9): Max retries exceeded with url: /pip/ "
        "(Caused by NewConnectionError('<pip._vendor.urllib3.connection.HTTPConnection object "
        "at 0x7f>: Failed to establish a new connection: [Errno 111] Connection refused')) - "
        "skipping\n";
    auto index = unreachable_index("2026 Created temporary directory: /tmp/x\n" + refused);
    REQUIRE(index);
    CHECK(index->url == "http://127.0.0.1:9/pip/");
    CHECK(index->reason == "Connection refused");

    index = unreachable_index(
        "x Could not fetch URL https://pypi.org/simple/pip/: timed out - skipping\n");
    REQUIRE(index);
    CHECK(index->url == "https://pypi.org/simple/pip/");
    CHECK(index->reason == "timed out");
}

TEST_CASE("pip's log: an index that answered once, a 404 or --no-index is not unreachable",
          "[pip_upgrade]") {
    CHECK_FALSE(unreachable_index(""));
    CHECK_FALSE(unreachable_index("x Skipping link: none of the wheel's tags match\n"));
    CHECK_FALSE(unreachable_index("x Could not fetch URL https://example.org/simple/pip/: 404 "
                                  "Client Error: Not Found for url - skipping\n"));
    CHECK_FALSE(unreachable_index(
        "x Could not fetch URL https://a.example/simple/pip/: connection error: [Errno -2] Name "
        "or service not known')) - skipping\n"
        "x Fetched page https://pypi.org/simple/pip/ as application/vnd.pypi.simple.v1+json\n"));
}
