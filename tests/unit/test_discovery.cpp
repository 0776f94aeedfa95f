#include "catch_compat.hpp"
#include "python/discovery.hpp"
#include "test_support.hpp"
#include "util/error.hpp"
#include "util/file_system.hpp"

#include <boost/filesystem/operations.hpp>

using namespace cppvenv;
using cppvenv::testing::TemporaryDirectory;
using cppvenv::testing::write_text;
namespace fs = boost::filesystem;

namespace {

void make_executable(const fs::path& path) {
    fs::create_directories(path.parent_path());
    write_text(path, "#!/bin/sh\n", 0755);
}

DiscoveryContext context_in(const fs::path& root) {
    DiscoveryContext context;
    context.path_dirs = {root / "usr-local-bin", root / "pyenv" / "shims", root / "usr-bin"};
    context.pyenv_root = root / "pyenv";
    context.current_dir = root / "project" / "sub";
    context.system_dirs = {root / "system-bin"};
    fs::create_directories(context.current_dir);
    return context;
}

} // namespace

TEST_CASE("python spec: paths, versions and command names") {
    CHECK(parse_python_spec("/opt/bin/python3").kind == PythonSpecKind::Path);
    CHECK(parse_python_spec("./venv/bin/python").kind == PythonSpecKind::Path);
    PythonSpec version = parse_python_spec("3.12");
    CHECK(version.kind == PythonSpecKind::Version);
    CHECK(version.version == std::vector<int>{3, 12});
    CHECK(parse_python_spec("3.9.18").version == std::vector<int>{3, 9, 18});
    CHECK(parse_python_spec("3").version == std::vector<int>{3});
    CHECK(parse_python_spec("python3.12").kind == PythonSpecKind::CommandName);
    CHECK(parse_python_spec("pypy3").kind == PythonSpecKind::Request);
    CHECK(parse_python_spec("3.12x").kind == PythonSpecKind::CommandName);
    CHECK_THROWS_AS(parse_python_spec(""), UsageError);
}

TEST_CASE("discovery searches PATH, then pyenv versions newest first, then system folders") {
    TemporaryDirectory root;
    DiscoveryContext context = context_in(root.path());
    make_executable(root.path() / "usr-bin" / "python3.12");
    make_executable(root.path() / "pyenv/versions/3.9.18/bin/python3.12"); // odd, but ordered
    make_executable(root.path() / "pyenv/versions/3.12.1/bin/python3.12");
    make_executable(root.path() / "pyenv/versions/3.12.10/bin/python3.12");
    make_executable(root.path() / "system-bin" / "python3.12");
    std::vector<fs::path> found = command_candidates("python3.12", context);
    REQUIRE(found.size() == 5);
    CHECK(found[0] == root.path() / "usr-bin" / "python3.12");
    CHECK(found[1] == root.path() / "pyenv/versions/3.12.10/bin/python3.12");
    CHECK(found[2] == root.path() / "pyenv/versions/3.12.1/bin/python3.12");
    CHECK(found[3] == root.path() / "pyenv/versions/3.9.18/bin/python3.12");
    CHECK(found[4] == root.path() / "system-bin" / "python3.12");
}

TEST_CASE("discovery resolves pyenv's shims folder the way pyenv would") {
    TemporaryDirectory root;
    DiscoveryContext context = context_in(root.path());
    make_executable(root.path() / "pyenv/shims/python3");
    make_executable(root.path() / "pyenv/versions/3.11.7/bin/python3");
    make_executable(root.path() / "pyenv/versions/3.13.0/bin/python3");
    make_executable(root.path() / "usr-bin" / "python3");
    write_text(root.path() / "pyenv" / "version", "3.11.7\n");

    SECTION("the global version file") {
        CHECK(command_candidates("python3", context).front() ==
              root.path() / "pyenv/versions/3.11.7/bin/python3");
    }
    SECTION(".python-version in a parent of the current folder wins over the global one") {
        write_text(root.path() / "project" / ".python-version", "3.13.0\n");
        CHECK(command_candidates("python3", context).front() ==
              root.path() / "pyenv/versions/3.13.0/bin/python3");
    }
    SECTION("PYENV_VERSION wins over both; 'system' falls through to the next PATH folder") {
        context.pyenv_version = "system";
        CHECK(command_candidates("python3", context).front() == root.path() / "usr-bin/python3");
    }
    SECTION("what selected the version is named: PYENV_VERSION, else the file") {
        CHECK(pyenv_selection(context).origin ==
              (root.path() / "pyenv" / "version").string() + " names 3.11.7");
        context.pyenv_version = "3.13.0";
        CHECK(pyenv_selection(context).origin == "PYENV_VERSION=3.13.0");
        CHECK(pyenv_selection(context).versions == std::vector<std::string>{"3.13.0"});
    }
    SECTION("the shim script itself is never a candidate") {
        for (const fs::path& path : command_candidates("python3", context)) {
            CHECK(path.parent_path().filename() != "shims");
        }
    }
}

TEST_CASE(".python-version is found in the current folder or a parent, comments skipped") {
    TemporaryDirectory root;
    fs::create_directories(root.path() / "a" / "b");
    CHECK_FALSE(find_python_version_file(root.path() / "a" / "b").has_value());
    write_text(root.path() / "a" / ".python-version", "# pinned\n\n3.12\npypy3.9\n");
    auto file = find_python_version_file(root.path() / "a" / "b");
    REQUIRE(file.has_value());
    CHECK(file->path == root.path() / "a" / ".python-version");
    CHECK(file->versions == std::vector<std::string>{"3.12", "pypy3.9"});
}

TEST_CASE("an unknown interpreter is an error naming where discovery looked") {
    TemporaryDirectory root;
    DiscoveryContext context = context_in(root.path());
    FactsCache cache(root.path() / "cache");
    try {
        find_interpreter(std::string("python9.99"), context, cache);
        FAIL("no error");
    } catch (const Error& error) {
        std::string message = error.what();
        CHECK(message.find("python9.99") != std::string::npos);
        CHECK(message.find("PATH") != std::string::npos);
        CHECK(message.find((root.path() / "pyenv").string()) != std::string::npos);
        CHECK(message.find("system-bin") != std::string::npos);
    }
}

TEST_CASE("an interpreter path the system cannot look up is an Error naming it") {
    // Boost's filesystem_error reached main as "unexpected failure" for these.
    TemporaryDirectory root;
    DiscoveryContext context = context_in(root.path());
    FactsCache cache(root.path() / "cache");
    const std::string too_long = (root.path() / std::string(300, 'a') / "python3").string();
    CHECK_THROWS_WITH(find_interpreter(too_long, context, cache),
                      Catch::Contains("cannot look up the interpreter " + too_long));
    fs::create_symlink("loop", root.path() / "loop");
    const std::string looping = (root.path() / "loop" / "python3").string();
    CHECK_THROWS_WITH(find_interpreter(looping, context, cache),
                      Catch::Contains("cannot look up the interpreter " + looping));
}

TEST_CASE("a current folder that was deleted is an Error, not Boost's exception") {
    TemporaryDirectory root;
    const fs::path before = fs::current_path();
    fs::create_directories(root.path() / "gone");
    fs::current_path(root.path() / "gone");
    fs::remove(root.path() / "gone");
    CHECK_THROWS_WITH(DiscoveryContext::from_environment(),
                      Catch::Contains("cannot read the current folder"));
    CHECK_THROWS_AS(absolute_path("relative"), Error);
    fs::current_path(before);
}

TEST_CASE("a missing interpreter path is still 'no such file', also under a file") {
    TemporaryDirectory root;
    DiscoveryContext context = context_in(root.path());
    FactsCache cache(root.path() / "cache");
    write_text(root.path() / "a-file", "");
    for (const fs::path& missing :
         {root.path() / "missing" / "python3", root.path() / "a-file" / "python3"}) {
        CHECK_THROWS_WITH(
            find_interpreter(missing.string(), context, cache),
            Catch::Contains("no interpreter at " + missing.string() + ": no such file"));
    }
}

TEST_CASE("pyenv versions: newest first, a release before its release candidates") {
    TemporaryDirectory root;
    DiscoveryContext context = context_in(root.path());
    const std::vector<std::string> newest_first = {"3.13.0",   "3.13.0rc2", "3.13.0rc1",
                                                   "3.13.0b1", "3.12.10",   "3.12.1"};
    for (const std::string& version : newest_first) {
        make_executable(root.path() / "pyenv/versions" / version / "bin/python3");
    }
    std::vector<fs::path> found = command_candidates("python3", context);
    REQUIRE(found.size() == newest_first.size());
    for (size_t i = 0; i < found.size(); ++i) {
        CHECK(found[i] == root.path() / "pyenv/versions" / newest_first[i] / "bin/python3");
    }
}
