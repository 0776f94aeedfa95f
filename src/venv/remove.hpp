#pragma once

#include <boost/filesystem/path.hpp>
#include <vector>

namespace cppvenv {

// Deletes the venv at `venv`: only a real folder (not a symlink) that holds
// pyvenv.cfg, and never /, $HOME, the current folder or one of its parents. It is
// first renamed aside in the same parent (.NAME.cppvenv-removing-PID), so a kill
// never leaves half a venv under the old name, then deleted. What an interrupted
// removal of the same venv left behind is deleted first. Throws Error.
void remove_venv(const boost::filesystem::path& venv);

// Folders a killed `cppvenv remove` of `venv` left beside it (its process is gone).
std::vector<boost::filesystem::path> interrupted_removals(const boost::filesystem::path& venv);

// The name a venv is renamed to while it is being removed.
boost::filesystem::path removal_name(const boost::filesystem::path& venv, long process_id);

} // namespace cppvenv
