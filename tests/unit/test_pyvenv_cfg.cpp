#include "catch_compat.hpp"
#include "util/error.hpp"
#include "venv/pyvenv_cfg.hpp"

using namespace cppvenv;

TEST_CASE("pyvenv.cfg renders keys in CPython's order") {
    PyvenvCfg cfg;
    cfg.home = "/usr/bin";
    cfg.version = "3.11.2";
    cfg.prompt = "My prompt";
    cfg.executable = "/usr/bin/python3.11";
    cfg.command = "cppvenv create /tmp/env";
    cfg.cppvenv_version = "0.1.0";
    CHECK(render_pyvenv_cfg(cfg) == "home = /usr/bin\n"
                                    "include-system-site-packages = false\n"
                                    "version = 3.11.2\n"
                                    "prompt = 'My prompt'\n"
                                    "executable = /usr/bin/python3.11\n"
                                    "command = cppvenv create /tmp/env\n"
                                    "cppvenv = 0.1.0\n");
}

TEST_CASE("pyvenv.cfg refuses values that would add a line") {
    PyvenvCfg cfg;
    cfg.home = "/usr/bin";
    cfg.prompt = "a\nb = c";
    CHECK_THROWS_AS(render_pyvenv_cfg(cfg), Error);
    cfg.prompt = "carriage\rreturn";
    CHECK_THROWS_AS(render_pyvenv_cfg(cfg), Error);
    cfg.prompt = std::string("nul\0byte", 8);
    CHECK_THROWS_AS(render_pyvenv_cfg(cfg), Error);
    cfg.prompt.reset();
    cfg.command = "x\ny";
    CHECK_THROWS_AS(render_pyvenv_cfg(cfg), Error);
}

TEST_CASE("python_string_repr matches Python's repr of str") {
    CHECK(python_string_repr("plain") == "'plain'");
    CHECK(python_string_repr("it's") == "\"it's\"");
    CHECK(python_string_repr("both ' and \"") == "'both \\' and \"'");
    CHECK(python_string_repr("back\\slash") == "'back\\\\slash'");
    CHECK(python_string_repr("tab\there") == "'tab\\there'");
    CHECK(python_string_repr("bell\x07") == "'bell\\x07'");
    CHECK(python_string_repr("caf\xc3\xa9 \xf0\x9f\x90\x8d") == "'caf\xc3\xa9 \xf0\x9f\x90\x8d'");
}

TEST_CASE("pyvenv.cfg parsing splits at the first equals sign and strips") {
    auto entries = parse_pyvenv_cfg("home = /usr/bin\nno equals here\n  command=a = b  \r\n");
    REQUIRE(entries.size() == 2);
    CHECK(entries[0] == std::make_pair(std::string("home"), std::string("/usr/bin")));
    CHECK(entries[1] == std::make_pair(std::string("command"), std::string("a = b")));
}
