#include "venv/remove.hpp"

#include "util/error.hpp"
#include "util/file_system.hpp"
#include "util/output.hpp"
#include "venv/target_state.hpp"

#include <boost/filesystem/operations.hpp>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fmt/format.h>
#include <unistd.h>

namespace cppvenv {
namespace fs = boost::filesystem;

fs::path removal_name(const fs::path& venv, long process_id) {
    return venv.parent_path() /
           fmt::format(".{}.cppvenv-removing-{}", venv.filename().string(), process_id);
}

void remove_venv(const fs::path& given) {
    const fs::path venv = absolute_path(given);
    const std::string name = given.string();
    TargetState state = inspect_target(venv);
    switch (state.kind) {
    case TargetKind::Missing:
        throw Error(fmt::format("cannot remove {}: no such file or directory", name));
    case TargetKind::NotADirectory:
        throw Error(fmt::format("refusing to remove {}: it is not a directory", name));
    case TargetKind::EmptyDirectory:
    case TargetKind::OtherDirectory:
        throw Error(fmt::format("refusing to remove {}: it is not a virtual environment (no "
                                "pyvenv.cfg)",
                                name));
    case TargetKind::Venv:
        break;
    }
    if (state.is_symlink) {
        throw Error(fmt::format("refusing to remove {}: it is a symlink; name the venv folder "
                                "itself, or delete the link with rm",
                                name));
    }
    if (state.is_protected) {
        throw Error(fmt::format("refusing to remove {}: it is the root, your home folder, or the "
                                "current folder or one of its parents",
                                name));
    }
    if (state.is_mount_point) {
        throw Error(fmt::format("refusing to remove {}: it is a mount point", name));
    }
    const fs::path aside = removal_name(venv, static_cast<long>(::getpid()));
    print_verbose(fmt::format("renaming {} to {}", venv.string(), aside.string()));
    if (::rename(venv.c_str(), aside.c_str()) != 0) {
        throw Error(fmt::format("cannot remove {}: renaming it aside failed: {}", name,
                                std::strerror(errno)));
    }
    print_verbose(fmt::format("deleting {}", aside.string()));
    boost::system::error_code error;
    fs::remove_all(aside, error);
    if (error) {
        throw Error(fmt::format("{} was moved to {} but could not be deleted completely: {}", name,
                                aside.string(), error.message()));
    }
}

} // namespace cppvenv
