#include "catch_compat.hpp"
#include "util/posix_sh_quoting.hpp"

using namespace cppvenv;

TEST_CASE("POSIX sh single quoting writes ' as '\\'' by default") {
    CHECK(single_quote_for_posix_sh("") == "''");
    CHECK(single_quote_for_posix_sh("a b$(x)`y`") == "'a b$(x)`y`'");
    CHECK(single_quote_for_posix_sh("it's") == "'it'\\''s'");
}

TEST_CASE("POSIX sh single quoting for a Python string never writes three ' in a row") {
    const std::string quoted =
        single_quote_for_posix_sh("/a''b'''/py", SingleQuoteEscape::DoubleQuoted);
    CHECK(quoted == "'/a'\"'\"''\"'\"'b'\"'\"''\"'\"''\"'\"'/py'");
    CHECK(quoted.find("'''") == std::string::npos);
}

TEST_CASE("a shell word shown to a person is quoted only when it needs to be") {
    CHECK(posix_sh_word("/usr/bin/python3.12") == "/usr/bin/python3.12");
    CHECK(posix_sh_word("") == "''");
    CHECK(posix_sh_word("my env") == "'my env'");
    CHECK(posix_sh_word("it's") == "'it'\\''s'");
}
