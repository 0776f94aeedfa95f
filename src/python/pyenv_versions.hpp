#pragma once

#include <boost/filesystem/path.hpp>
#include <string>
#include <vector>

namespace cppvenv {

// The folder names in `pyenv_root`/versions, newest first: by their numbers
// (3.10.2 before 3.9.18), then in PEP 440's order for one release (3.13.0
// before 3.13.0rc2); a name that is not a PEP 440 version (pypy3.9-7.3.11,
// 3.13.0t) counts as a release of its numbers.
std::vector<std::string> pyenv_versions_newest_first(const boost::filesystem::path& pyenv_root);

} // namespace cppvenv
