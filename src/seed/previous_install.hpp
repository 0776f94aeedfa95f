#pragma once
// In place: finds and uninstalls an older installed version before a wheel is installed.

#include "seed/seed_layout.hpp"

#include <set>
#include <string>
#include <vector>

namespace cppvenv {

// What an install in place finds of its project in the venv.
struct PreviousInstall {
    enum class State {
        None,        // the project is not installed yet
        SameOrNewer, // leave it, as `ensurepip --upgrade` does with nothing newer at hand
        Older,       // an older version is there: remove_previous_install uninstalls it
    };
    State state = State::None;
    std::vector<std::string> older; // its .dist-info folders ("pip-23.2.1.dist-info")
    // What those own, relative to the venv root: every path their RECORDs list
    // inside the venv, and the .dist-info folders. Only these may be replaced.
    std::set<std::string> owned;

    // Whether `destination` (relative to the venv root) is owned, or lies below
    // something owned (a folder linked whole is one RECORD row).
    bool owns(const std::string& destination) const;
};

// Before installing `dist_info_dir` ("pip-24.2.dist-info") into `root_dir` of a
// venv written in place: finds an installed version of the same project, and
// what it owns when it is older. Reads, never writes.
PreviousInstall find_previous_install(const SeedLayout& layout, const std::string& root_dir,
                                      const std::string& dist_info_dir);

// Uninstalls what find_previous_install found older, as pip would: every file
// its RECORD lists (only those inside the venv), their bytecode, folders left
// empty, the .dist-info itself.
void remove_previous_install(const SeedLayout& layout, const std::string& root_dir,
                             const PreviousInstall& previous);

} // namespace cppvenv
