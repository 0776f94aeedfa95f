#include "venv/remove.hpp"

#include "util/error.hpp"
#include "util/file_system.hpp"
#include "util/output.hpp"
#include "util/platform.hpp"
#include "venv/target_state.hpp"

#include <boost/filesystem/directory.hpp>
#include <boost/filesystem/operations.hpp>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fmt/format.h>

namespace cppvenv {
namespace fs = boost::filesystem;

fs::path removal_name(const fs::path& venv, long process_id) {
    return venv.parent_path() /
           fmt::format(".{}.cppvenv-removing-{}", venv.filename().string(), process_id);
}

namespace {

bool process_is_alive(long process_id) {
    return platform::process_is_alive(process_id);
}

} // namespace

std::vector<fs::path> interrupted_removals(const fs::path& venv) {
    std::vector<fs::path> found;
    const std::string prefix = "." + venv.filename().string() + ".cppvenv-removing-";
    boost::system::error_code error;
    for (fs::directory_iterator it(venv.parent_path(), error), end; !error && it != end;
         it.increment(error)) {
        const std::string name = it->path().filename().string();
        if (name.size() <= prefix.size() || name.compare(0, prefix.size(), prefix) != 0) {
            continue;
        }
        const std::optional<long> process_id =
            platform::parse_process_id(name.substr(prefix.size()));
        if (!process_id) {
            continue;
        }
        if (!process_is_alive(*process_id)) {
            found.push_back(it->path());
        }
    }
    return found;
}

void remove_venv(const fs::path& given) {
    const fs::path venv = absolute_path(given);
    const std::string name = given.string();
    // What a killed `cppvenv remove` of this venv left behind goes too.
    const std::vector<fs::path> leftovers = interrupted_removals(venv);
    for (const fs::path& leftover : leftovers) {
        print_verbose(
            fmt::format("deleting {}, left by an interrupted removal", leftover.string()));
        boost::system::error_code error;
        fs::remove_all(leftover, error);
        if (error) {
            throw Error(fmt::format("cannot delete {}, left by an interrupted removal of {}: {}",
                                    leftover.string(), name, error.message()));
        }
    }
    boost::system::error_code status_error;
    if (!leftovers.empty() && !fs::exists(fs::symlink_status(venv, status_error))) {
        return; // the interrupted removal had already moved the venv aside
    }
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
    const fs::path aside = removal_name(venv, platform::current_process_id());
    print_verbose(fmt::format("renaming {} to {}", venv.string(), aside.string()));
    if (platform::rename_replacing(venv, aside) != 0) {
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
