#pragma once
// How every Python child of cppvenv runs: isolated from the user's folder and
// environment, as CPython's venv and uv run theirs, and bounded in time and output.

#include "util/process.hpp"

#include <boost/filesystem/path.hpp>
#include <chrono>
#include <string>
#include <vector>

namespace cppvenv {

// "-I": no current folder or script folder on sys.path, no PYTHON* variables,
// no user site-packages. Every Python child's arguments start with it.
inline const char* const isolated_flag = "-I";

// Options for a Python child: every PYTHON* variable removed from its
// environment (a grandchild would otherwise see PYTHONPATH or PYTHONHOME),
// `working_directory` as its folder, captured output bounded by `timeout`.
ProcessOptions python_child_options(const boost::filesystem::path& working_directory,
                                    OutputHandling output, std::chrono::milliseconds timeout);

// How long an interpreter may take to answer the inspection: 30 s, or
// CPPVENV_INTERPRETER_TIMEOUT seconds when that is set to a positive number.
std::chrono::milliseconds inspection_timeout();

} // namespace cppvenv
