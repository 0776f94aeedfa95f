#pragma once
// The wheels in --seed-from folders, and the check that a chosen one is what its
// name says.
//
// Trust: a folder the user named is trusted for reading — it is their choice,
// as --find-links is pip's — but what is in it is not: a file whose name is not
// a wheel's, a wheel for another Python or platform, a symlink that leads out of
// the folder, anything but a regular file, is passed over (-v says which and
// why); a chosen wheel must install the project and version its name says
// (check_seed_wheel_identity), and the installer checks every member against
// the wheel's RECORD.

#include "python/interpreter_facts.hpp"
#include "seed/seed_selection.hpp"

#include <string>
#include <vector>

namespace cppvenv {

// The installable wheels of pip, setuptools and wheel in each of `folders` (as
// the user named them), for the interpreter `facts` describes. Throws Error
// naming a folder that does not exist or cannot be read.
std::vector<SeedFolderWheel> find_seed_folder_wheels(const std::vector<std::string>& folders,
                                                     const InterpreterFacts& facts);

// Throws Error naming the wheel when its one .dist-info folder, or its
// METADATA's Name and Version, are not the project and version of its file
// name (names as PEP 503 normalizes them, versions as PEP 440 compares them),
// or it is no readable wheel.
void check_seed_wheel_identity(const BundledWheel& wheel);

} // namespace cppvenv
