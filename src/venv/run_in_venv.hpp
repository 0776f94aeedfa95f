#pragma once
// Runs a command with a venv's bin folder and VIRTUAL_ENV set.

#include <boost/filesystem/path.hpp>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cppvenv {

// The environment a venv's activate script would give: VIRTUAL_ENV and
// VIRTUAL_ENV_PROMPT set, the venv's bin folder first on PATH, PYTHONHOME unset.
// Pure: `environment` is the current one.
std::map<std::string, std::string>
activated_environment(std::map<std::string, std::string> environment,
                      const boost::filesystem::path& venv, const std::string& bin_dir_name,
                      const std::string& prompt);

// `command` as execve needs it: a name with a '/' as it is, else the first
// executable file of that name on `path_variable`. std::nullopt when not found.
std::optional<boost::filesystem::path> find_program(const std::string& command,
                                                    const std::string& path_variable);

// Replaces this process with `command` (or the user's $SHELL, else /bin/sh,
// when it is empty) run inside the venv. Returns only on failure, with the exit
// code a shell would give (127 not found, 126 cannot run), after printing the
// error. Throws Error when `venv` is not a venv.
int exec_in_venv(const boost::filesystem::path& venv, const std::vector<std::string>& command);

} // namespace cppvenv
