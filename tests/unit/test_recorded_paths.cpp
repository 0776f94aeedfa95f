// What `move` reads and rewrites: launchers' first lines and pyvenv.cfg values.
#include "catch_compat.hpp"
#include "seed/console_scripts.hpp"
#include "venv/recorded_paths.hpp"

#include <string>

using namespace cppvenv;

TEST_CASE("a plain shebang is read and rewritten for the new folder") {
    const std::string text = "#!/old/venv/bin/python3\nimport sys\n";
    const auto start = read_launcher_start(text);
    REQUIRE(start);
    CHECK(start->python == "/old/venv/bin/python3");
    CHECK(start->length == 24);
    CHECK(with_launcher_python(text, *start, "/new/bin/python3") ==
          "#!/new/bin/python3\nimport sys\n");
    // A new path with a space needs the trampoline.
    CHECK(with_launcher_python(text, *start, "/new place/bin/python3") ==
          python_shebang("/new place/bin/python3") + "import sys\n");
}

TEST_CASE("cppvenv's and pip's trampolines are read, quotes and all") {
    const std::string ours = python_shebang("/it's a/bin/python3") + "import sys\n";
    const auto start = read_launcher_start(ours);
    REQUIRE(start);
    CHECK(start->python == "/it's a/bin/python3");
    CHECK(ours.substr(start->length) == "import sys\n");
    // A ' written as '\'' (bin/activate's VIRTUAL_ENV line is read the same way).
    const auto escaped =
        read_launcher_start("#!/bin/sh\n'''exec' '/it'\\''s'/bin/python \"$0\" \"$@\"\n' '''\nx\n");
    REQUIRE(escaped);
    CHECK(escaped->python == "/it's/bin/python");
    // distlib (pip) puts a path with a space in double quotes.
    const std::string pips =
        "#!/bin/sh\n'''exec' \"/my venv/bin/python\" \"$0\" \"$@\"\n' '''\nimport re\n";
    const auto pip_start = read_launcher_start(pips);
    REQUIRE(pip_start);
    CHECK(pip_start->python == "/my venv/bin/python");
    CHECK(pips.substr(pip_start->length) == "import re\n");
}

TEST_CASE("what is not an absolute launcher start is left alone") {
    CHECK_FALSE(read_launcher_start("print(1)\n"));
    CHECK_FALSE(read_launcher_start("#!/usr/bin/env python3\nx\n"));
    CHECK_FALSE(read_launcher_start("#!/venv/bin/python -E\nx\n"));
    CHECK_FALSE(read_launcher_start("#!/venv/bin/python3")); // no line end
    CHECK_FALSE(read_launcher_start(relative_python_shebang("python3") + "x\n"));
    CHECK_FALSE(
        read_launcher_start("#!/bin/sh\n'''exec' \"$HOME/bin/python\" \"$0\" \"$@\"\n' '''\n"));
    CHECK_FALSE(read_launcher_start("#!/bin/sh\n'''exec' 'unclosed \"$0\" \"$@\"\n' '''\n"));
    CHECK_FALSE(read_launcher_start("#!/bin/sh\necho hi\n"));
}

TEST_CASE("pyvenv.cfg: command is rewritten, home, executable and prompt never") {
    const std::string text = "home = /old/bin\n"
                             "include-system-site-packages = false\n"
                             "executable = /old/bin/python3.12\n"
                             "command = /usr/bin/cppvenv create --python /x /old\n"
                             "prompt = '/old'\n"
                             "other = /older /old/sub\n";
    std::vector<std::string> changed;
    CHECK(pyvenv_cfg_with_root(text, "/old", "/n w", changed) ==
          "home = /old/bin\n"
          "include-system-site-packages = false\n"
          "executable = /old/bin/python3.12\n"
          "command = /usr/bin/cppvenv create --python /x /n w\n"
          "prompt = '/old'\n"
          "other = /older /n w/sub\n");
    CHECK(changed == std::vector<std::string>{"command", "other"});
}

TEST_CASE("names_path wants the whole folder name") {
    CHECK(names_path("x /old/lib y", "/old"));
    CHECK(names_path("/old", "/old"));
    CHECK_FALSE(names_path("/older/lib", "/old"));
}
