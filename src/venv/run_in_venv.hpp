#pragma once
// Runs a command with a venv's bin folder and VIRTUAL_ENV set.

#include "util/host_platform.hpp"

#include <boost/filesystem/path.hpp>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cppvenv {

// The environment a venv's activate script would give: VIRTUAL_ENV and
// VIRTUAL_ENV_PROMPT set, the venv's bin folder first on PATH (joined with
// `platform`'s separator), PYTHONHOME unset; on Windows also PROMPT as
// activate.bat sets it, for cmd. On Windows variable names are matched without
// regard to case (the system's own is often "Path").
// Pure: `environment` is the current one.
std::map<std::string, std::string>
activated_environment(std::map<std::string, std::string> environment,
                      const boost::filesystem::path& venv, const std::string& bin_dir_name,
                      const std::string& prompt, Platform platform = host_platform());

// Whether `command` names a file rather than a program to look up on PATH: it
// holds a '/' (on Windows also a '\\' or a drive "C:").
bool names_a_path(const std::string& command, Platform platform = host_platform());

// `command` as the system needs it: a path as it is, else the first executable
// file of that name in the folders of `path_variable` (split on `platform`'s
// separator; on Windows NAME.exe, then NAME.com, unless NAME ends in one: the
// files a process can be started from). std::nullopt when not found.
std::optional<boost::filesystem::path> find_program(const std::string& command,
                                                    const std::string& path_variable,
                                                    Platform platform = host_platform());

// Replaces this process with `command` (or the user's $SHELL, else /bin/sh;
// on Windows %COMSPEC%, else cmd.exe, when it is empty) run inside the venv. Returns only on
// failure, with the exit code a shell would give (127 not found, 126 cannot run), after printing
// the error. Throws Error when `venv` is not a venv.
int exec_in_venv(const boost::filesystem::path& venv, const std::vector<std::string>& command);

} // namespace cppvenv
