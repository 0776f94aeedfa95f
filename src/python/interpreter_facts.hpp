#pragma once
// InterpreterFacts: what cppvenv knows about one interpreter.

#include <string>
#include <vector>

namespace cppvenv {

// A wheel that the interpreter's own ensurepip would install.
struct BundledWheel {
    std::string project; // "pip", "setuptools"
    std::string version; // "24.2"
    std::string path;    // absolute path of the .whl file
};

// What a Windows interpreter's own venv module looks at to fill Scripts\ (see
// venv/windows_layout.cpp). Empty on other systems.
struct WindowsLayoutFacts {
    std::string venv_module_dir;               // the venv package's folder
    std::vector<std::string> venv_launchers;   // file names in its scripts\nt folder
    std::vector<std::string> executable_files; // .exe and .dll names beside the executable
    bool is_python_build = false;              // run from a source build (PCbuild)
    std::string init_tcl;                      // a build's init.tcl, which venv copies
};

// What the plan needs to know about an interpreter. Gathered by running the
// interpreter once (python/inspect_interpreter.py) and cached on disk.
struct InterpreterFacts {
    std::string implementation; // "cpython" or "pypy"
    int major = 0;
    int minor = 0;
    int micro = 0;
    std::string abiflags; // "", "d", "t", ...
    bool free_threaded = false;
    bool debug_build = false;
    std::string executable;      // the interpreter as it names itself (sys._base_executable)
    std::string real_executable; // realpath of the above
    std::string base_prefix;
    // sys.platlibdir (3.9+): "lib", or "lib64" on some distributions.
    std::string platlibdir = "lib";
    std::string os_name; // "posix" or "nt"
    bool is_64bit = true;
    bool is_darwin = false;
    // The venv scheme's folders, relative to the venv root, '/'-separated.
    std::string scripts_dir; // "bin" / "Scripts"
    std::string include_dir; // "include" / "include/python3.12" / "Include"
    std::string purelib_dir; // "lib/python3.12/site-packages"
    std::string platlib_dir;
    bool has_ensurepip = false;
    std::vector<BundledWheel> ensurepip_wheels;
    // PyPy with --copies also copies its shared library from beside the executable.
    std::vector<std::string> shared_libraries_beside_executable;
    WindowsLayoutFacts windows; // when os_name is "nt"

    std::string version_string() const; // "3.12.1"
    std::string short_version() const;  // "3.12"
};

} // namespace cppvenv
