#include "windows_facts.hpp"

#include <fmt/format.h>

namespace cppvenv::testing {

namespace {

bool is_debug(WindowsBuild build) {
    return build == WindowsBuild::Debug || build == WindowsBuild::FreeThreadedDebug;
}

bool is_free_threaded(WindowsBuild build) {
    return build == WindowsBuild::FreeThreaded || build == WindowsBuild::FreeThreadedDebug;
}

InterpreterFacts common_windows_facts(int minor) {
    InterpreterFacts facts;
    facts.implementation = "cpython";
    facts.major = 3;
    facts.minor = minor;
    facts.micro = 4;
    facts.os_name = "nt";
    facts.scripts_dir = "Scripts";
    facts.include_dir = "Include";
    facts.purelib_dir = "Lib/site-packages";
    facts.platlib_dir = facts.purelib_dir;
    facts.has_ensurepip = true;
    return facts;
}

} // namespace

InterpreterFacts windows_cpython_facts(int minor, WindowsBuild build, bool with_debug_binaries) {
    const bool debug = is_debug(build);
    const bool free_threaded = is_free_threaded(build);
    with_debug_binaries = with_debug_binaries || debug;
    InterpreterFacts facts = common_windows_facts(minor);
    facts.debug_build = debug;
    facts.free_threaded = free_threaded;
    facts.abiflags = std::string(free_threaded ? "t" : "") + (debug ? "d" : "");
    const std::string home = fmt::format("C:\\Program Files\\Python3{}", minor);
    facts.base_prefix = home;
    const std::string t = free_threaded ? fmt::format("3.{}t", minor) : "";
    facts.executable = home + "\\python" + t + (debug ? "_d" : "") + ".exe";
    facts.real_executable = facts.executable;
    facts.ensurepip_wheels.push_back(
        {"pip", "24.2", home + "\\Lib\\ensurepip\\_bundled\\pip-24.2-py3-none-any.whl"});

    WindowsLayoutFacts& layout = facts.windows;
    layout.venv_module_dir = home + "\\Lib\\venv";
    layout.executable_files = {
        "python.exe",  "python3.dll",      fmt::format("python3{}.dll", minor),
        "pythonw.exe", "vcruntime140.dll", "vcruntime140_1.dll"};
    layout.venv_launchers = {"activate.bat", "deactivate.bat"};
    const std::vector<std::string> kinds = {"", "w"};
    for (const std::string& w : kinds) {
        if (minor >= 13) {
            layout.venv_launchers.push_back("venv" + w + "launcher.exe");
            if (free_threaded) {
                layout.venv_launchers.push_back("venv" + w + "launchert.exe");
            }
        } else {
            layout.venv_launchers.push_back("python" + w + ".exe");
        }
        if (with_debug_binaries) {
            layout.executable_files.push_back("python" + w + "_d.exe");
            if (minor >= 13) {
                layout.venv_launchers.push_back("venv" + w + "launcher_d.exe");
                if (free_threaded) {
                    layout.venv_launchers.push_back("venv" + w + "launchert_d.exe");
                }
            } else {
                layout.venv_launchers.push_back("python" + w + "_d.exe");
            }
        }
        if (free_threaded) {
            layout.executable_files.push_back("python" + w + t + ".exe");
            if (with_debug_binaries) {
                layout.executable_files.push_back("python" + w + t + "_d.exe");
            }
        }
    }
    if (free_threaded) {
        layout.executable_files.push_back(fmt::format("python3{}t.dll", minor));
    }
    if (with_debug_binaries) {
        layout.executable_files.push_back(fmt::format("python3{}_d.dll", minor));
    }
    return facts;
}

InterpreterFacts windows_source_build_facts(int minor) {
    InterpreterFacts facts = common_windows_facts(minor);
    const std::string build_dir = "C:\\src\\cpython\\PCbuild\\amd64";
    facts.base_prefix = "C:\\src\\cpython";
    facts.executable = build_dir + "\\python.exe";
    facts.real_executable = facts.executable;
    WindowsLayoutFacts& layout = facts.windows;
    layout.venv_module_dir = "C:\\src\\cpython\\Lib\\venv";
    layout.venv_launchers = {"activate.bat", "deactivate.bat"};
    layout.executable_files = {
        "libcrypto-3.dll",  "sqlite3.dll", "python.exe",       fmt::format("python3{}.dll", minor),
        "pythonw.exe",      "tcl86t.dll",  "vcruntime140.dll", "venvlauncher.exe",
        "venvwlauncher.exe"};
    layout.is_python_build = true;
    layout.init_tcl = "C:\\src\\cpython\\externals\\tcltk-8.6.13.0\\amd64\\lib\\tcl8.6\\init.tcl";
    return facts;
}

InterpreterFacts windows_pypy_facts() {
    InterpreterFacts facts = common_windows_facts(10);
    facts.implementation = "pypy";
    facts.micro = 14;
    facts.base_prefix = "C:\\pypy3.10";
    facts.executable = "C:\\pypy3.10\\pypy3.exe";
    facts.real_executable = facts.executable;
    WindowsLayoutFacts& layout = facts.windows;
    layout.venv_module_dir = "C:\\pypy3.10\\Lib\\venv";
    layout.venv_launchers = {"activate.bat", "deactivate.bat"};
    layout.executable_files = {"libffi-8.dll", "libpypy3.10-c.dll", "pypy.exe",   "pypy3.exe",
                               "pypy3.10.exe", "pypy3w.exe",        "python.exe", "pythonw.exe"};
    return facts;
}

} // namespace cppvenv::testing
