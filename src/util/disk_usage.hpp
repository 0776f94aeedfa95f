#pragma once
// How much disk a folder takes.

#include <boost/filesystem/path.hpp>

namespace cppvenv {

// Bytes the folder takes on disk (allocated blocks), each hard-linked file
// counted once, symlinks not followed.
unsigned long long disk_usage(const boost::filesystem::path& root);

} // namespace cppvenv
