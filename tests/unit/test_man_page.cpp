#include "catch_compat.hpp"
#include "cli/command.hpp"
#include "cli/man_page.hpp"

#include <CLI/CLI.hpp>

using namespace cppvenv;

TEST_CASE("man page: text cannot become a roff request or escape", "[man_page]") {
    CHECK(roff_escaped("--prompt") == "\\-\\-prompt");
    CHECK(roff_escaped("a\\b") == "a\\eb");
    CHECK(roff_escaped(".venv is\n'quoted'") == "\\&.venv is\n\\&'quoted'");
}

TEST_CASE("man page: every command of the CLI has its section", "[man_page]") {
    CLI::App app("", "cppvenv");
    GlobalOptions options;
    build_command_line(app, options);
    const std::string page = man_page(app);
    for (const char* section : {".SS \"cppvenv create\"", ".SS \"cppvenv python list\"",
                                ".SS \"cppvenv config show\"", ".SH ENVIRONMENT"}) {
        CHECK(page.find(section) != std::string::npos);
    }
    CHECK(page.find(".B CPPVENV_PYTHON") != std::string::npos);
}
