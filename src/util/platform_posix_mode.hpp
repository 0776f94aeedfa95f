#pragma once
// POSIX only: a stat mode as the platform layer's PathType.

#include "util/platform.hpp"

#include <sys/stat.h>

namespace cppvenv::platform {

inline PathType path_type_of_mode(mode_t mode) {
    if (S_ISREG(mode)) {
        return PathType::File;
    }
    if (S_ISDIR(mode)) {
        return PathType::Directory;
    }
    if (S_ISLNK(mode)) {
        return PathType::Symlink;
    }
    return PathType::Other;
}

} // namespace cppvenv::platform
