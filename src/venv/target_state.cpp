// What is at the target path now, and which apply mode that calls for.
#include "venv/target_state.hpp"

#include "util/error.hpp"
#include "util/file_system.hpp"
#include "util/platform.hpp"
#include "venv/venv_entries.hpp"

#include <boost/filesystem/operations.hpp>
#include <fmt/format.h>

namespace cppvenv {
namespace fs = boost::filesystem;

namespace {

bool same_file(const fs::path& a, const fs::path& b) {
    boost::system::error_code error;
    return !a.empty() && !b.empty() && fs::equivalent(a, b, error) && !error;
}

bool is_protected_path(const fs::path& target) {
    // The root of the target's drive too (C:\ on Windows, where "/" is the
    // current drive's).
    if (same_file(target, "/") || same_file(target, target.root_path()) ||
        same_file(target, home_directory())) {
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
    platform::PathType link_type = platform::PathType::Missing;
    if (platform::path_type_of_link(target, link_type) != 0) {
        throw_system_error("cannot inspect", target);
    }
    if (link_type == platform::PathType::Missing) {
        return state; // a parent that is a file is reported when it is made
    }
    state.is_symlink = link_type == platform::PathType::Symlink;
    platform::PathType type = platform::PathType::Missing;
    const std::optional<std::uintmax_t> device = platform::device_of(target);
    if (platform::path_type_of_target(target, type) != 0 || type != platform::PathType::Directory ||
        !device) {
        state.kind = TargetKind::NotADirectory;
        return state;
    }
    const std::optional<std::uintmax_t> parent_device = platform::device_of(target.parent_path());
    state.is_mount_point = parent_device && *parent_device != *device;
    state.is_protected = is_protected_path(target);
    platform::OpenDirectory directory(
        platform::open_directory(target, platform::FinalSymlink::Follow));
    if (!directory || platform::identity_of(directory.get(), state.identity) != 0) {
        throw_system_error("cannot open", target);
    }
    const TopLevelEntries entries = classify_top_level(directory.get(), target.string());
    state.has_other_entries = !entries.other.empty();
    boost::system::error_code error;
    if (fs::exists(target / "pyvenv.cfg", error)) {
        state.kind = TargetKind::Venv;
    } else if (entries.venv.empty() && entries.other.empty()) {
        state.kind = TargetKind::EmptyDirectory;
    } else if (entries.other.empty()) {
        state.kind = TargetKind::UnfinishedVenv;
    } else {
        state.kind = TargetKind::OtherDirectory;
    }
    return state;
}

ApplyMode choose_apply_mode(const fs::path& target, const TargetState& state,
                            const CreateOptions& options) {
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
        if (state.is_symlink) {
            throw Error(fmt::format("refusing to clear {}: it is a symlink; name the venv folder "
                                    "itself",
                                    target.string()));
        }
        // Only the venv's own entries are deleted: in place when the folder
        // holds other files too or cannot be swapped (a mount point).
        return state.is_mount_point || state.has_other_entries ? ApplyMode::ClearInPlace
                                                               : ApplyMode::Replace;
    case TargetKind::EmptyDirectory:
    case TargetKind::UnfinishedVenv:
        if (options.clear && state.kind == TargetKind::UnfinishedVenv) {
            break;
        }
        // Filled in place, never swapped: the folder keeps its inode, mode,
        // owner, group and ACLs, and whatever else is written into it meanwhile.
        return ApplyMode::InPlace;
    case TargetKind::OtherDirectory:
        break;
    }
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

std::string describe_apply_mode(ApplyMode mode) {
    switch (mode) {
    case ApplyMode::Fresh:
        return "new: built beside the target, then renamed into place";
    case ApplyMode::Replace:
        return "replace: built beside the target, then swapped with the old venv";
    case ApplyMode::ClearInPlace:
        return "clear in place: the old venv's own entries deleted, the rest kept; each file "
               "written atomically, pyvenv.cfg last";
    case ApplyMode::InPlace:
        return "in place: each file written atomically, pyvenv.cfg last";
    }
    return "";
}

void prepare_parent(const fs::path& target, ApplyMode mode) {
    if (mode != ApplyMode::Fresh) {
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
