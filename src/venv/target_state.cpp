#include "venv/target_state.hpp"

#include "util/error.hpp"
#include "util/file_system.hpp"

#include <boost/filesystem/operations.hpp>
#include <fmt/format.h>
#include <sys/stat.h>

namespace cppvenv {
namespace fs = boost::filesystem;

namespace {

bool same_file(const fs::path& a, const fs::path& b) {
    boost::system::error_code error;
    return !a.empty() && !b.empty() && fs::equivalent(a, b, error) && !error;
}

bool is_protected_path(const fs::path& target) {
    if (same_file(target, "/") || same_file(target, home_directory())) {
        return true;
    }
    boost::system::error_code error;
    for (fs::path dir = fs::current_path(error); !error && !dir.empty(); dir = dir.parent_path()) {
        if (same_file(target, dir)) {
            return true;
        }
        if (dir == dir.root_path()) {
            break;
        }
    }
    return false;
}

} // namespace

TargetState inspect_target(const fs::path& target) {
    TargetState state;
    struct stat link_info {};
    if (::lstat(target.c_str(), &link_info) != 0) {
        if (errno != ENOENT && errno != ENOTDIR) {
            throw_system_error("cannot inspect", target);
        }
        return state; // Missing; a parent that is a file is reported when it is made
    }
    state.is_symlink = S_ISLNK(link_info.st_mode);
    struct stat info {};
    if (::stat(target.c_str(), &info) != 0 || !S_ISDIR(info.st_mode)) {
        state.kind = TargetKind::NotADirectory;
        return state;
    }
    struct stat parent_info {};
    state.is_mount_point = ::stat(target.parent_path().c_str(), &parent_info) == 0 &&
                           parent_info.st_dev != info.st_dev;
    state.is_protected = is_protected_path(target);
    boost::system::error_code error;
    if (fs::exists(target / "pyvenv.cfg", error)) {
        state.kind = TargetKind::Venv;
    } else if (fs::is_empty(target, error) && !error) {
        state.kind = TargetKind::EmptyDirectory;
    } else {
        state.kind = TargetKind::OtherDirectory;
    }
    return state;
}

ApplyMode choose_apply_mode(const fs::path& target, const TargetState& state,
                            const CreateOptions& options) {
    const bool swappable = !state.is_symlink && !state.is_mount_point && !state.is_protected;
    switch (state.kind) {
    case TargetKind::Missing:
        return ApplyMode::Fresh;
    case TargetKind::NotADirectory:
        throw Error(fmt::format("{} exists and is not a directory", target.string()));
    case TargetKind::Venv:
        if (!options.clear) {
            return ApplyMode::InPlace;
        }
        if (state.is_protected) {
            throw Error(fmt::format("refusing to clear {}: it is the root, your home folder, or "
                                    "the current folder or one of its parents",
                                    target.string()));
        }
        if (!swappable) {
            throw Error(fmt::format("refusing to clear {}: it is a symlink or a mount point; "
                                    "remove the old venv's files yourself, then create again",
                                    target.string()));
        }
        return ApplyMode::Replace;
    case TargetKind::EmptyDirectory:
        return swappable ? ApplyMode::Replace : ApplyMode::InPlace;
    case TargetKind::OtherDirectory:
        if (options.clear) {
            throw Error(fmt::format("refusing to clear {}: it is not a venv (no pyvenv.cfg) and "
                                    "not empty; --clear only ever deletes venvs",
                                    target.string()));
        }
        if (options.existing == ExistingDirectory::Allow) {
            return ApplyMode::InPlace;
        }
        throw Error(fmt::format("{} exists, is not empty and is not a venv (no pyvenv.cfg); "
                                "pass --allow-existing to write a venv into it anyway",
                                target.string()));
    }
    return ApplyMode::Fresh;
}

std::string describe_apply_mode(ApplyMode mode) {
    switch (mode) {
    case ApplyMode::Fresh:
        return "new: built beside the target, then renamed into place";
    case ApplyMode::Replace:
        return "replace: built beside the target, then swapped with what is there";
    case ApplyMode::InPlace:
        return "in place: each file written atomically, pyvenv.cfg last";
    }
    return "";
}

void prepare_parent(const fs::path& target, ApplyMode mode) {
    if (mode == ApplyMode::InPlace) {
        return;
    }
    const fs::path parent = target.parent_path();
    boost::system::error_code error;
    fs::create_directories(parent, error);
    if (error) {
        throw Error(fmt::format("cannot create the parent folder {}: {}", parent.string(),
                                error.message()));
    }
}

} // namespace cppvenv
