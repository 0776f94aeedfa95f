#pragma once
// A folder's top level sorted into the venv's own entries and the rest.

#include <boost/filesystem/path.hpp>
#include <string>
#include <vector>

namespace cppvenv {

// What sits at the top level of a folder, sorted into what belongs to a venv
// and what does not. A venv's own entries are the names its layout makes (bin,
// Scripts, include, Include, lib, Lib, lib64, pyvenv.cfg) and the prefix folders
// pip installs data into (share, etc, man); .gitignore and CACHEDIR.TAG count
// only when they hold exactly what cppvenv or venv writes there.
struct TopLevelEntries {
    std::vector<std::string> venv;  // everything inside these belongs to the venv too
    std::vector<std::string> other; // the user's: never touched
    bool has_config = false;        // pyvenv.cfg is there (a regular file)
};

// Sorts the entries of the open directory `directory` (a descriptor from
// platform::open_directory). Throws Error naming `shown` when it cannot be read.
TopLevelEntries classify_top_level(int directory, const std::string& shown);

enum class ConfigFile { Keep, Remove };

// Deletes the venv's own entries of `directory`, fd-relative and without
// following a symlink (a link is unlinked, never entered); pyvenv.cfg goes last,
// or stays with ConfigFile::Keep. Throws Error naming `shown`.
void remove_venv_entries(int directory, const TopLevelEntries& entries, ConfigFile config,
                         const std::string& shown);

} // namespace cppvenv
