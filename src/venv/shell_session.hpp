#pragma once

#include <boost/filesystem/path.hpp>
#include <optional>

namespace cppvenv {

// The venv `cppvenv shell` uses when none is named: `.venv` (a folder with a
// pyvenv.cfg) in `start` or the nearest parent that has one. Throws Error saying
// how to create one when there is none.
boost::filesystem::path find_default_venv(const boost::filesystem::path& start);

// `cppvenv shell [ENV_DIR]`: starts the user's $SHELL interactively with the venv
// activated after the shell's own start-up files ran (activation/shell_startup
// says how, per shell), from a private temporary folder that is removed when the
// shell ends. An unknown or unset $SHELL falls back to /bin/sh with a note; a
// shell inside an active venv warns. Returns the shell's exit status. On Windows:
// `cppvenv run ENV_DIR` with no command (the venv's environment, then $SHELL).
int run_venv_shell(const std::optional<boost::filesystem::path>& env_dir);

} // namespace cppvenv
