#include "venv/target_state.hpp"

#include "util/error.hpp"
#include "util/file_system.hpp"
#include "util/platform.hpp"

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
