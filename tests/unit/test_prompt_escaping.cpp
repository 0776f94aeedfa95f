#include "activation/prompt_escaping.hpp"
#include "catch_compat.hpp"

#include <string>

using namespace cppvenv;

TEST_CASE("bash prompt text is put in \\D{} pieces with % doubled and } outside") {
    CHECK(bash_prompt_literal("(a $(b) `c` \\w) ") == "\\D{(a $(b) `c` \\w) }");
    CHECK(bash_prompt_literal("50% {x}") == "\\D{50%% {x}}");
    CHECK(bash_prompt_literal("}}") == "}}");
    CHECK(bash_prompt_literal("").empty());
}

TEST_CASE("bash prompt pieces stay short and never split a UTF-8 character") {
    std::string text(95, 'a');
    text += "\xf0\x9f\x90\x8d"; // one 4-byte character across the 96-byte limit
    text += "b";
    CHECK(bash_prompt_literal(text) == "\\D{" + std::string(95, 'a') + "\xf0\x9f\x90\x8d}\\D{b}");
}

TEST_CASE("tcsh prompt text has \\, ^ and ! escaped and % doubled") {
    CHECK(tcsh_prompt_literal("a\\w ^A !x %d") == "a\\\\w \\^A \\!x %%d");
}

TEST_CASE("BSD csh prompt text has only ! escaped") {
    CHECK(bsd_csh_prompt_literal("a\\w ^A !x %d") == "a\\w ^A \\!x %d");
}
