#pragma once

#include "python/interpreter_facts.hpp"

namespace cppvenv::testing {

// Facts of Windows interpreters as the python.org installer (and PC\layout)
// lays them out, for testing the Windows plan on Linux.
enum class WindowsBuild {
    Regular,      // python.exe
    Debug,        // python_d.exe, installed with the debug binaries
    FreeThreaded, // 3.13+: python3.13t.exe beside python.exe
    FreeThreadedDebug,
};

// C:\Program Files\Python3X, version 3.`minor`; `with_debug_binaries` also installs
// the _d programs and launchers (always true for the Debug builds).
InterpreterFacts windows_cpython_facts(int minor, WindowsBuild build = WindowsBuild::Regular,
                                       bool with_debug_binaries = false);

// A CPython built from source: PCbuild\amd64, launchers beside python.exe.
InterpreterFacts windows_source_build_facts(int minor);

// PyPy 3.10 (7.3.17) unpacked to C:\pypy3.10: pypy3.exe, pypy3w.exe, python.exe,
// pythonw.exe, pypy.exe and libpypy3.10-c.dll; no launchers.
InterpreterFacts windows_pypy_facts();

} // namespace cppvenv::testing
