#pragma once
// Which interpreter an existing venv runs, found without starting Python.

#include "util/host_platform.hpp"
#include "venv/pyvenv_cfg.hpp"

#include <boost/filesystem/path.hpp>
#include <string>

namespace cppvenv {

// Which layout an existing venv has: Windows (Scripts\python.exe,
// Lib\site-packages) when it has a Scripts folder and no bin folder, POSIX when
// it has bin and no Scripts, else the host's.
Platform venv_layout(const boost::filesystem::path& venv);

// The venv's folder of programs and activation scripts: ENV/bin or ENV/Scripts.
boost::filesystem::path venv_scripts_dir(const boost::filesystem::path& venv);

// The base interpreter the venv runs: `executable` when pyvenv.cfg has it, else
// where the venv's own bin/python (Scripts\python.exe) link leads (outside the
// venv), else the first python in `home` that exists (PyPy's names first for a
// PyPy venv; python.exe on Windows), else `home`/python3 (python.exe).
boost::filesystem::path base_interpreter(const boost::filesystem::path& venv,
                                         const VenvConfig& config,
                                         Platform platform = host_platform());

// The venv's own python (bin/python or bin/python3; Scripts/python.exe in a
// Windows layout), or empty.
boost::filesystem::path venv_python(const boost::filesystem::path& venv);

// "cpython" or "pypy" from the venv's lib/ folder names, or "".
std::string implementation_from_layout(const boost::filesystem::path& venv);

} // namespace cppvenv
