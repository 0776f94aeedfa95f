#include "catch_compat.hpp"
#include "python/interpreter_listing.hpp"
#include "test_support.hpp"

#include <string>
#include <vector>

using namespace cppvenv;
using namespace cppvenv::testing;

TEST_CASE("python list searches every python3.N found in the searched folders, newest first") {
    TemporaryDirectory root;
    for (const char* name : {"bin/python3.9", "bin/python3.12", "bin/python3.12-config",
                             "bin/python3.x", "bin/python3.", "bin/python3.10m"}) {
        write_text(root.path() / name, "", 0755);
    }
    write_text(root.path() / "pyenv/versions/3.25.0/bin/python3.25", "", 0755);
    write_text(root.path() / "sys/python3.6", "", 0755);
    DiscoveryContext context;
    context.path_dirs = {root.path() / "bin"};
    context.pyenv_root = root.path() / "pyenv";
    context.system_dirs = {root.path() / "sys"};
    const std::vector<std::string> expected = {"python3",   "python3.25", "python3.12", "python3.9",
                                               "python3.6", "python",     "pypy3",      "pypy"};
    CHECK(interpreter_command_names(context) == expected);
}

TEST_CASE("on Windows, python list finds python3.N.exe names") {
    TemporaryDirectory root;
    write_text(root.path() / "bin/python3.13.exe", "", 0755);
    write_text(root.path() / "bin/python3.11", "", 0755);
    DiscoveryContext context;
    context.platform = Platform::Windows;
    context.path_dirs = {root.path() / "bin"};
    const std::vector<std::string> expected = {"python3", "python3.13", "python", "pypy3", "pypy"};
    CHECK(interpreter_command_names(context) == expected);
}
