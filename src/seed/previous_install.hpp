#pragma once
// In place: finds and uninstalls an older installed version before a wheel is installed.

#include "seed/seed_layout.hpp"

#include <string>

namespace cppvenv {

enum class PreviousInstall {
    None,        // the project is not installed yet
    SameOrNewer, // leave it, as `ensurepip --upgrade` does with nothing newer at hand
    Removed,     // an older version was there; its RECORD's files are gone now
};

// Before installing `dist_info_dir` ("pip-24.2.dist-info") into `root_dir` of a venv
// written in place: finds an installed version of the same project and, when it
// is older, uninstalls it as pip would — every file its RECORD lists (only those
// inside the venv), their bytecode, folders left empty, the .dist-info itself.
PreviousInstall remove_older_install(const SeedLayout& layout, const std::string& root_dir,
                                     const std::string& dist_info_dir);

} // namespace cppvenv
