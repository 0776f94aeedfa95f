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

TEST_CASE("pyvenv.cfg round-trips: what render_pyvenv_cfg writes, parse_venv_config reads back") {
    const std::string prompts[] = {
        "plain",
        "it's",
        "both ' and \"",
        "back\\slash",
        "tab\there",
        "bell\x07 del\x7f",
        "\x01\x1f",
        "literal \\x41 text",
        "caf\xc3\xa9 \xf0\x9f\x90\x8d",
        "$(touch x) `y` !z",
        "",
    };
    for (const std::string& prompt : prompts) {
        PyvenvCfg written;
        written.home = "/opt/py 3/bin";
        written.include_system_site_packages = true;
        written.version = "3.12.1";
        written.prompt = prompt;
        written.executable = "/opt/py 3/bin/python3.12";
        written.command = "cppvenv create --prompt=\"x\" /tmp/v";
        written.cppvenv_version = "0.1.0";
        const VenvConfig read = parse_venv_config(render_pyvenv_cfg(written));
        INFO("prompt " << python_string_repr(prompt));
        REQUIRE(read.prompt.has_value());
        CHECK(*read.prompt == prompt);
        CHECK(read.home == written.home);
        CHECK(read.include_system_site_packages);
        CHECK(read.version == written.version);
        CHECK(read.executable == written.executable);
        CHECK(read.value("command") == written.command);
        CHECK(read.creator == "cppvenv");
        CHECK(read.creator_version == written.cppvenv_version);
    }
}
