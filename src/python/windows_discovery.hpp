#pragma once

// How discovery names and finds interpreters on Windows, as plain code: unit
// tests run it on Linux with recorded registrations and folders of fake
// executables.

#include "python/windows_registry.hpp"

#include <boost/filesystem/path.hpp>
#include <optional>
#include <string>
#include <vector>

namespace cppvenv {

// The leading dotted numbers of a version text: "3.12.1" → {3, 12, 1},
// "3.13.0rc1" and "3.13t" → {3, 13, 0} and {3, 13}, "3.12-32" → {3, 12};
// empty when the text does not start with a digit.
std::vector<int> leading_version_numbers(const std::string& text);

// True when `have` starts with `wanted` ({3, 12} is met by 3.12.1).
bool version_starts_with(const std::vector<int>& have, const std::vector<int>& wanted);

// The file a command name runs: "python3.12" → "python3.12.exe"; a name ending
// in .exe is kept. Only .exe counts, not the rest of PATHEXT: a .bat or .cmd
// wrapper (pyenv-win's shims, for one) cannot be the interpreter a venv starts.
std::string windows_executable_name(const std::string& name);

// The version a Python command name asks for: "python" → {} (any),
// "python3" → {3}, "python3.12" → {3, 12} (".exe" allowed); nothing for other
// names ("pypy3", "python3.13t").
std::optional<std::vector<int>> python_command_version(const std::string& name);

// The registered executables a Python command name may mean, in `registered`'s
// order (newest first); none for names that are not python[X[.Y]].
std::vector<boost::filesystem::path>
registered_for_command(const std::string& name, const std::vector<RegisteredPython>& registered);

// What `name` may be in a pyenv-win version folder (versions\<version>, laid out
// like a python.org installation, no bin\): <name>.exe, then python.exe when the
// folder's version is the one a python[X[.Y]] name asks for.
std::vector<boost::filesystem::path> pyenv_win_executables(const boost::filesystem::path& folder,
                                                           const std::string& version,
                                                           const std::string& name);

} // namespace cppvenv
