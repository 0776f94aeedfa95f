#pragma once
// Finding venvs (folders with pyvenv.cfg) below a folder.

#include <boost/filesystem/path.hpp>
#include <vector>

namespace cppvenv {

// Folders holding a pyvenv.cfg at `root` or below it, at most `max_depth` levels
// down (0: only `root` itself), in name order. Never descends into a venv, into
// a symlinked folder, or into .git / node_modules / __pycache__; folders it
// cannot read are skipped. Paths are `root` joined with the relative path.
std::vector<boost::filesystem::path> find_venvs(const boost::filesystem::path& root, int max_depth);

} // namespace cppvenv
