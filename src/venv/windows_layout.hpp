#pragma once
// The Windows interpreters and launchers of a venv, for the plan.

#include "venv/plan.hpp"

namespace cppvenv {

// Fills Scripts\ with the interpreter entries a Windows venv gets, exactly as
// that version's own venv module does it (CPython 3.8 to 3.13, and PyPy):
//
// - CPython 3.8 to 3.12, copies: for each of python.exe, python_d.exe,
//   pythonw.exe, pythonw_d.exe (3.9+: and the executable's own name) that exists
//   beside the executable, a copy of the launcher of that name from the venv
//   module's scripts\nt folder; where that folder lacks it (or for a source
//   build), venvlauncher[_d].exe / venvwlauncher[_d].exe from beside the
//   executable; a name whose source is missing is left out, as venv warns and
//   moves on.
// - CPython 3.13, copies: python.exe and python[_d].exe from venvlauncher[_d].exe,
//   pythonw.exe and pythonw[_d].exe from venvwlauncher[_d].exe, taken from
//   scripts\nt (or beside the executable for a source build); free-threaded
//   builds also get python3.13t[_d].exe and pythonw3.13t[_d].exe, all from
//   venvlaunchert[_d].exe / venvwlaunchert[_d].exe.
// - PyPy: a copy of every .exe and .dll beside the executable (it has no
//   launcher).
// - --symlinks: links to the executables (3.13: also the python*/vcruntime*
//   DLLs; before 3.13: every .exe and .dll) beside the executable.
// A source build's init.tcl is copied into Lib\<its folder>\ (3.8 to 3.13).
void add_windows_interpreters(Plan& plan, const PlanRequest& request);

} // namespace cppvenv
