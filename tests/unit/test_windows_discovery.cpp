// Discovery under Windows' rules, run on Linux: registrations as the registry
// holds them (PEP 514), pyenv-win's layout, and folders of fake executables
// whose facts are put in the cache beforehand, so nothing runs.
#include "catch_compat.hpp"
#include "python/discovery.hpp"
#include "python/inspection.hpp"
#include "python/interpreter_listing.hpp"
#include "python/windows_discovery.hpp"
#include "test_support.hpp"
#include "util/embedded_files.hpp"
#include "util/error.hpp"

#include <boost/filesystem/operations.hpp>

using namespace cppvenv;
using cppvenv::testing::TemporaryDirectory;
using cppvenv::testing::write_text;
namespace fs = boost::filesystem;

namespace {

const std::string current_user = "HKEY_CURRENT_USER";
const std::string machine_64 = "HKEY_LOCAL_MACHINE (64-bit)";
const std::string machine_32 = "HKEY_LOCAL_MACHINE (32-bit)";

// What the python.org installer writes for one version.
RegistryTag python_org(const std::string& hive, const std::string& tag, const std::string& version,
                       const std::string& folder) {
    return {hive,
            "PythonCore",
            tag,
            {{"SysVersion", version.substr(0, version.rfind('.'))},
             {"Version", version},
             {"InstallPath", folder + "\\"},
             {"InstallPath\\ExecutablePath", folder + "\\python.exe"}}};
}

std::vector<std::string> names_of(const std::vector<RegisteredPython>& pythons) {
    std::vector<std::string> names;
    for (const RegisteredPython& python : pythons) {
        names.push_back(python.name());
    }
    return names;
}

void make_executable(const fs::path& path) {
    fs::create_directories(path.parent_path());
    write_text(path, "#!/bin/sh\nexit 1\n", 0755); // never a working interpreter
}

// Puts `facts` in the cache for the fake interpreter at `path`.
void remember_facts(const FactsCache& cache, const fs::path& path, InterpreterFacts facts) {
    make_executable(path);
    facts.executable = fs::canonical(path).string();
    facts.real_executable = facts.executable; // the file runs itself: cacheable
    std::optional<FactsCacheKey> key = inspection_cache_key(path);
    REQUIRE(key.has_value());
    cache.store(*key, facts);
}

RegisteredPython registered(const fs::path& executable, std::vector<int> version) {
    return {"PythonCore", "", current_user, executable, std::move(version)};
}

struct WindowsMachine {
    TemporaryDirectory root;
    DiscoveryContext context;
    FactsCache cache{root.path() / "cache"};

    WindowsMachine() {
        context.platform = Platform::Windows;
        context.path_dirs = {root.path() / "WindowsApps", root.path() / "pyenv-win" / "shims"};
        context.pyenv_root = root.path() / "pyenv-win";
        context.current_dir = root.path() / "project";
        fs::create_directories(context.current_dir);
    }
    fs::path at(const std::string& relative) const { return root.path() / relative; }
};

} // namespace

TEST_CASE("PEP 514: the current user's registrations, then the machine's 64-bit and 32-bit views") {
    std::vector<RegistryTag> tags = {
        python_org(machine_64, "3.11", "3.11.9", "C:\\Program Files\\Python311"),
        python_org(current_user, "3.12", "3.12.4", "C:\\Users\\me\\Python312"),
        python_org(machine_32, "3.12-32", "3.12.4", "C:\\Program Files (x86)\\Python312-32"),
        python_org(machine_64, "3.12", "3.12.1", "C:\\Program Files\\Python312"),
        python_org(machine_64, "3.13t", "3.13.0", "C:\\Program Files\\Python313"),
        python_org(machine_64, "3.13", "3.13.0", "C:\\Program Files\\Python313"),
        {machine_64,
         "ContinuumAnalytics",
         "Anaconda39-64",
         {{"SysVersion", "3.9"}, {"InstallPath", "C:\\Anaconda3"}}},
        {machine_64, "PyLauncher", "", {{"InstallPath", "C:\\Windows\\py.exe"}}},
    };
    tags[4].values["InstallPath\\ExecutablePath"] = "C:\\Program Files\\Python313\\python3.13t.exe";
    std::vector<RegisteredPython> found = registered_from_tags(tags);
    // PythonCore first, newest first, the regular build before the free-threaded
    // one, HKCU's 3.12 over HKLM's, the 64-bit view before the 32-bit one.
    CHECK(names_of(found) == std::vector<std::string>{"PythonCore\\3.13", "PythonCore\\3.13t",
                                                      "PythonCore\\3.12", "PythonCore\\3.12-32",
                                                      "PythonCore\\3.11",
                                                      "ContinuumAnalytics\\Anaconda39-64"});
    REQUIRE(found.size() == 6);
    CHECK(found[1].executable.string() == "C:\\Program Files\\Python313\\python3.13t.exe");
    CHECK(found[2].hive == current_user);
    CHECK(found[2].version == std::vector<int>{3, 12, 4});
    // No ExecutablePath: InstallPath's folder and python.exe.
    CHECK(found[5].executable.string() == "C:\\Anaconda3\\python.exe");
    CHECK(found[5].version == std::vector<int>{3, 9});
}

TEST_CASE("PEP 514: a tag without an install path is skipped, a bare PythonCore tag gives the "
          "version") {
    std::vector<RegistryTag> tags = {
        {current_user, "PythonCore", "3.10", {{"InstallPath", "D:\\py310"}}},
        {current_user, "PythonCore", "3.8", {{"SysVersion", "3.8"}}}, // left by an uninstall
        {current_user, "Example", "Custom", {{"InstallPath", "D:\\custom"}}},
    };
    std::vector<RegisteredPython> found = registered_from_tags(tags);
    CHECK(names_of(found) == std::vector<std::string>{"PythonCore\\3.10", "Example\\Custom"});
    REQUIRE(found.size() == 2);
    CHECK(found[0].version == std::vector<int>{3, 10});
    CHECK(found[1].version.empty()); // another company's tag is not a version
    CHECK(registered_from_tags({}).empty());
}

TEST_CASE("Windows command names: .exe added, python[X[.Y]] names carry a version") {
    CHECK(windows_executable_name("python3.12") == "python3.12.exe");
    CHECK(windows_executable_name("pypy3") == "pypy3.exe");
    CHECK(windows_executable_name("python.EXE") == "python.EXE");
    CHECK(python_command_version("python") == std::vector<int>{});
    CHECK(python_command_version("python3") == std::vector<int>{3});
    CHECK(python_command_version("python3.12.exe") == std::vector<int>{3, 12});
    CHECK_FALSE(python_command_version("python3.13t").has_value());
    CHECK_FALSE(python_command_version("pypy3").has_value());
    CHECK(leading_version_numbers("3.13.0rc1") == std::vector<int>{3, 13, 0});
    CHECK(leading_version_numbers("3.12-32") == std::vector<int>{3, 12});
}

TEST_CASE("Windows specs: backslashes and drive letters are paths there, not on Linux") {
    CHECK(parse_python_spec("C:\\Python312\\python.exe", Platform::Windows).kind ==
          PythonSpecKind::Path);
    CHECK(parse_python_spec("py\\python.exe", Platform::Windows).kind == PythonSpecKind::Path);
    CHECK(parse_python_spec("py\\python.exe", Platform::Posix).kind == PythonSpecKind::CommandName);
    CHECK(parse_python_spec("3.12", Platform::Windows).kind == PythonSpecKind::Version);
}

TEST_CASE("Windows discovery: PATH's .exe, pyenv-win's versions, then the registered Pythons") {
    WindowsMachine machine;
    DiscoveryContext& context = machine.context;
    make_executable(machine.at("WindowsApps/python3.12.exe"));
    make_executable(machine.at("WindowsApps/python3.12")); // not what Windows would run
    make_executable(machine.at("pyenv-win/versions/3.12.1/python.exe"));
    make_executable(machine.at("pyenv-win/versions/3.11.7/python.exe"));
    make_executable(machine.at("Python313/python.exe"));
    make_executable(machine.at("Python312/python.exe"));
    context.registered = {registered(machine.at("Python313/python.exe"), {3, 13, 0}),
                          registered(machine.at("Python312/python.exe"), {3, 12, 4})};

    CHECK(command_candidates("python3.12", context) ==
          std::vector<fs::path>{machine.at("WindowsApps/python3.12.exe"),
                                machine.at("pyenv-win/versions/3.12.1/python.exe"),
                                machine.at("Python312/python.exe")});
    CHECK(command_candidates("python", context) ==
          std::vector<fs::path>{machine.at("pyenv-win/versions/3.12.1/python.exe"),
                                machine.at("pyenv-win/versions/3.11.7/python.exe"),
                                machine.at("Python313/python.exe"),
                                machine.at("Python312/python.exe")});
    CHECK(command_candidates("pypy3", context).empty());
    CHECK(interpreter_source(machine.at("Python312/python.exe"), context) == "registry");

    SECTION("pyenv-win's shims folder on PATH resolves to the selected version") {
        write_text(machine.at("project/.python-version"), "3.11.7\n");
        CHECK(command_candidates("python", context).front() ==
              machine.at("pyenv-win/versions/3.11.7/python.exe"));
    }
}

TEST_CASE("Windows discovery: no spec means python, the newest registered when PATH has none") {
    WindowsMachine machine;
    DiscoveryContext& context = machine.context;
    context.path_dirs = {machine.at("WindowsApps")};
    remember_facts(machine.cache, machine.at("Python313/python.exe"),
                   testing::pyenv_cpython_facts(13));
    remember_facts(machine.cache, machine.at("Python312/python.exe"),
                   testing::pyenv_cpython_facts(12));
    context.registered = {registered(machine.at("Python313/python.exe"), {3, 13, 0}),
                          registered(machine.at("Python312/python.exe"), {3, 12, 1})};

    CHECK(find_interpreter(std::nullopt, context, machine.cache).path ==
          machine.at("Python313/python.exe"));
    CHECK(find_interpreter(std::string("3.12"), context, machine.cache).path ==
          machine.at("Python312/python.exe"));
    CHECK(find_interpreter(std::string("python3.12"), context, machine.cache).path ==
          machine.at("Python312/python.exe"));

    SECTION("a python.exe on PATH that does not run (the Store's alias) is passed over") {
        make_executable(machine.at("WindowsApps/python.exe"));
        CHECK(find_interpreter(std::nullopt, context, machine.cache).path ==
              machine.at("Python313/python.exe"));
    }
    SECTION("a .python-version naming a registered version") {
        write_text(machine.at("project/.python-version"), "3.12\n");
        CHECK(find_interpreter(std::nullopt, context, machine.cache).path ==
              machine.at("Python312/python.exe"));
    }
}

TEST_CASE("Windows discovery: a missing version names PATH, pyenv-win and the registrations") {
    WindowsMachine machine;
    DiscoveryContext& context = machine.context;
    remember_facts(machine.cache, machine.at("Python312/python.exe"),
                   testing::pyenv_cpython_facts(12));
    context.registered = {registered(machine.at("Python312/python.exe"), {3, 12, 1})};
    context.registered[0].tag = "3.12";
    try {
        find_interpreter(std::string("3.9"), context, machine.cache);
        FAIL("no error");
    } catch (const Error& error) {
        const std::string message = error.what();
        CHECK(message.find("no Python 3.9 found") != std::string::npos);
        CHECK(message.find("PATH") != std::string::npos);
        CHECK(message.find(machine.at("pyenv-win").string()) != std::string::npos);
        CHECK(message.find("PEP 514: PythonCore\\3.12") != std::string::npos);
    }
    context.registered.clear();
    CHECK_THROWS_WITH(find_interpreter(std::nullopt, context, machine.cache),
                      Catch::Contains("no interpreter named 'python'"));
}
