#include "catch_compat.hpp"
#include "test_support.hpp"
#include "venv/venv_info.hpp"

#include <boost/filesystem/operations.hpp>
#include <unistd.h>

using namespace cppvenv;
using cppvenv::testing::TemporaryDirectory;
namespace fs = boost::filesystem;

using cppvenv::testing::write_text;

TEST_CASE("venv config: CPython's venv keys, with the prompt unquoted") {
    VenvConfig config = parse_venv_config("home = /usr/bin\n"
                                          "include-system-site-packages = true\n"
                                          "version = 3.12.1\n"
                                          "prompt = \"it's mine\"\n"
                                          "executable = /usr/bin/python3.12\n"
                                          "command = /usr/bin/python3.12 -m venv /x\n");
    CHECK(config.home == "/usr/bin");
    CHECK(config.include_system_site_packages);
    CHECK(config.version == "3.12.1");
    CHECK(config.prompt == std::optional<std::string>("it's mine"));
    CHECK(config.executable == "/usr/bin/python3.12");
    CHECK(config.creator == "venv");
    CHECK(config.creator_version.empty());
    CHECK_FALSE(config.relocatable);
}

TEST_CASE("venv config: virtualenv, uv and cppvenv are told apart by their own key") {
    VenvConfig virtualenv = parse_venv_config("home = /usr/bin\nimplementation = CPython\n"
                                              "version_info = 3.11.2.final.0\n"
                                              "virtualenv = 20.17.1\n"
                                              "base-executable = /usr/bin/python3.11\n");
    CHECK(virtualenv.creator == "virtualenv");
    CHECK(virtualenv.creator_version == "20.17.1");
    CHECK(virtualenv.version == "3.11.2");
    CHECK(virtualenv.implementation == "cpython");
    CHECK(virtualenv.executable == "/usr/bin/python3.11");
    CHECK_FALSE(virtualenv.prompt.has_value());

    VenvConfig uv = parse_venv_config("home = /opt/py/bin\nimplementation = PyPy\nuv = 0.4.18\n"
                                      "version_info = 3.10.14\nrelocatable = true\n"
                                      "prompt = plain words\n");
    CHECK(uv.creator == "uv");
    CHECK(uv.implementation == "pypy");
    CHECK(uv.relocatable);
    CHECK(uv.prompt == std::optional<std::string>("plain words"));

    VenvConfig ours = parse_venv_config("home = /x\nversion = 3.13.0\ncppvenv = 0.1.0\n");
    CHECK(ours.creator == "cppvenv");
    CHECK(ours.creator_version == "0.1.0");
}

TEST_CASE("python versions are normalized to their leading numbers") {
    CHECK(normalize_python_version("3.12.1") == "3.12.1");
    CHECK(normalize_python_version("3.11.2.final.0") == "3.11.2");
    CHECK(normalize_python_version("3.13.0rc1") == "3.13.0");
    CHECK(normalize_python_version("3.9") == "3.9");
    CHECK(normalize_python_version("garbage").empty());
}

TEST_CASE("python string reprs are unquoted, other values kept as they are") {
    CHECK(unquote_python_string("'a b'") == "a b");
    CHECK(unquote_python_string("\"it's\"") == "it's");
    CHECK(unquote_python_string("'back\\\\slash \\'q\\''") == "back\\slash 'q'");
    CHECK(unquote_python_string("plain") == "plain");
    CHECK(unquote_python_string("'") == "'");
}

TEST_CASE("distribution metadata: Name and Version from the headers only") {
    Distribution distribution =
        parse_distribution_metadata("Metadata-Version: 2.1\r\nName: pip\r\nVersion: 24.2\r\n"
                                    "Summary: x\r\n\r\nName: not-this\r\n");
    CHECK(distribution.name == "pip");
    CHECK(distribution.version == "24.2");
    CHECK(parse_distribution_metadata("Summary: none\n").name.empty());
}

TEST_CASE("installed distributions are read from dist-info and egg-info, lib64 counted once") {
    TemporaryDirectory venv;
    const fs::path site = venv.path() / "lib/python3.12/site-packages";
    fs::create_directories(site);
    fs::create_symlink("lib", venv.path() / "lib64");
    write_text(site / "pip-24.2.dist-info/METADATA", "Name: pip\nVersion: 24.2\n");
    write_text(site / "Zeta-1.0.dist-info/METADATA", "Name: Zeta\nVersion: 1.0\n");
    write_text(site / "alpha-0.1.egg-info/PKG-INFO", "Name: alpha\nVersion: 0.1\n");
    write_text(site / "broken-1.dist-info/RECORD", "");
    std::vector<Distribution> found = installed_distributions(venv.path());
    REQUIRE(found.size() == 3);
    CHECK(found[0].name == "alpha");
    CHECK(found[1].name == "pip");
    CHECK(found[1].version == "24.2");
    CHECK(found[2].name == "Zeta");
    CHECK(implementation_from_layout(venv.path()) == "cpython");
}

TEST_CASE("disk usage counts a hard-linked file once and does not follow symlinks") {
    TemporaryDirectory root;
    write_text(root.path() / "a", std::string(64 * 1024, 'x'));
    const unsigned long long one_file = disk_usage(root.path());
    fs::create_hard_link(root.path() / "a", root.path() / "b");
    CHECK(disk_usage(root.path()) == one_file);
    TemporaryDirectory elsewhere;
    write_text(elsewhere.path() / "big", std::string(256 * 1024, 'y'));
    fs::create_directory_symlink(elsewhere.path(), root.path() / "link");
    CHECK(disk_usage(root.path()) < one_file + 128 * 1024);
    CHECK(one_file >= 64 * 1024);
}

TEST_CASE("the base interpreter: `executable`, else bin/python's link, else a python in home") {
    TemporaryDirectory home;
    write_text(home.path() / "python3.12", "#!/bin/sh\n", 0755);
    write_text(home.path() / "pypy3", "#!/bin/sh\n", 0755);
    TemporaryDirectory venv;
    VenvConfig config =
        parse_venv_config("home = " + home.path().string() + "\nversion = 3.12.1\n");
    CHECK(base_interpreter(venv.path(), config) == home.path() / "python3.12");
    fs::create_directories(venv.path() / "lib/pypy3.9");
    CHECK(base_interpreter(venv.path(), config) == home.path() / "pypy3");
    fs::create_directories(venv.path() / "bin");
    fs::create_symlink("/opt/elsewhere/pypy3", venv.path() / "bin/pypy3");
    fs::create_symlink("pypy3", venv.path() / "bin/python");
    CHECK(base_interpreter(venv.path(), config) == fs::path("/opt/elsewhere/pypy3"));
    config.executable = "/opt/python";
    CHECK(base_interpreter(venv.path(), config) == fs::path("/opt/python"));
}

TEST_CASE("a Windows tree: Scripts\\python.exe, its base python.exe in home") {
    TemporaryDirectory home;
    write_text(home.path() / "python.exe", "MZ", 0755);
    write_text(home.path() / "python3", "#!/bin/sh\n", 0755);
    TemporaryDirectory venv;
    write_text(venv.path() / "Scripts/python.exe", "MZ", 0755);
    fs::create_directories(venv.path() / "Lib/site-packages");
    CHECK(venv_layout(venv.path()) == Platform::Windows);
    CHECK(venv_scripts_dir(venv.path()) == venv.path() / "Scripts");
    CHECK(venv_python(venv.path()) == venv.path() / "Scripts/python.exe");
    const VenvConfig config =
        parse_venv_config("home = " + home.path().string() + "\nversion = 3.12.1\n");
    CHECK(base_interpreter(venv.path(), config, Platform::Windows) == home.path() / "python.exe");
    CHECK(base_interpreter(venv.path(), config, Platform::Posix) == home.path() / "python3");
    fs::remove(home.path() / "python.exe");
    CHECK(base_interpreter(venv.path(), config, Platform::Windows) == home.path() / "python.exe");
}

TEST_CASE("a POSIX tree has bin/; a folder with both or neither follows the host") {
    TemporaryDirectory venv;
    CHECK(venv_layout(venv.path()) == host_platform());
    fs::create_directories(venv.path() / "bin");
    CHECK(venv_layout(venv.path()) == Platform::Posix);
    CHECK(venv_scripts_dir(venv.path()) == venv.path() / "bin");
    fs::create_directories(venv.path() / "Scripts");
    CHECK(venv_layout(venv.path()) == host_platform());
}

TEST_CASE("reading a folder without pyvenv.cfg fails with a message naming it") {
    TemporaryDirectory dir;
    try {
        read_venv_info(dir.path());
        FAIL("a folder without pyvenv.cfg was read as a venv");
    } catch (const std::exception& error) {
        CHECK(std::string(error.what()).find("not a virtual environment") != std::string::npos);
        CHECK(std::string(error.what()).find(dir.path().string()) != std::string::npos);
    }
}
