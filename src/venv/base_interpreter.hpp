#pragma once
// Which interpreter an existing venv runs, found without starting Python.

#include "venv/pyvenv_cfg.hpp"

#include <boost/filesystem/path.hpp>
#include <string>

namespace cppvenv {

// The base interpreter the venv runs: `executable` when pyvenv.cfg has it, else
// where the venv's own bin/python link leads (outside the venv), else the first
// python in `home` that exists (PyPy's names first for a PyPy venv), else
// `home`/python3.
boost::filesystem::path base_interpreter(const boost::filesystem::path& venv,
                                         const VenvConfig& config);

// The venv's own python (bin/python, bin/python3 or Scripts/python.exe), or empty.
boost::filesystem::path venv_python(const boost::filesystem::path& venv);

// "cpython" or "pypy" from the venv's lib/ folder names, or "".
std::string implementation_from_layout(const boost::filesystem::path& venv);

} // namespace cppvenv
