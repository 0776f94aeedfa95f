#pragma once
// `remove`: moves a venv aside and deletes it, refusing what is not a venv.

#include <boost/filesystem/path.hpp>
#include <string>
#include <vector>

namespace cppvenv {

enum class MissingVenv { Fail, Ignore };

// Deletes the venv at `venv`: only a real folder (not a symlink) that holds
// pyvenv.cfg, and never /, $HOME, the current folder or one of its parents.
// Only what belongs to the venv goes (see venv/venv_entries.hpp): a venv that
// shares its folder with other files loses its own entries (pyvenv.cfg last)
// and the folder stays with the rest. A venv alone in its folder is first moved
// into a hidden folder beside it (.NAME.cppvenv-removing-PID-RANDOM), so a kill
// never leaves half a venv under its name, then deleted; what a killed removal
// of the same venv left behind goes first. Throws Error; a missing `venv` is no
// error with MissingVenv::Ignore.
void remove_venv(const boost::filesystem::path& venv, MissingVenv missing = MissingVenv::Fail);

// The names of folders a killed `cppvenv remove` of `venv` left beside it (its
// process is gone, and cppvenv's marker is in them).
std::vector<std::string> interrupted_removals(const boost::filesystem::path& venv);

} // namespace cppvenv
