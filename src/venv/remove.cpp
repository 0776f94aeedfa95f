// `remove`: moves a venv aside and deletes it, refusing what is not a venv.
#include "venv/remove.hpp"

#include "util/error.hpp"
#include "util/file_system.hpp"
#include "util/output.hpp"
#include "util/platform.hpp"
#include "venv/aside_folder.hpp"
#include "venv/target_state.hpp"
#include "venv/venv_entries.hpp"

#include <boost/filesystem/operations.hpp>
#include <cerrno>
#include <cstring>
#include <fmt/format.h>

namespace cppvenv {
namespace fs = boost::filesystem;

std::vector<std::string> interrupted_removals(const fs::path& venv) {
    return abandoned_aside_folders(venv.parent_path(), AsideKind::Removing,
                                   venv.filename().string());
}

namespace {

void refuse_unless_removable(const TargetState& state, const std::string& name) {
    switch (state.kind) {
    case TargetKind::Missing:
        throw Error(fmt::format("cannot remove {}: no such file or directory", name));
    case TargetKind::NotADirectory:
        throw Error(fmt::format("refusing to remove {}: it is not a directory", name));
    case TargetKind::EmptyDirectory:
    case TargetKind::UnfinishedVenv:
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
}

// A venv that shares its folder with the user's files: delete its own entries,
// pyvenv.cfg last, and keep the folder.
void remove_entries_in_place(const fs::path& venv, const TargetState& state,
                             const std::string& name) {
    platform::OpenDirectory directory(
        platform::open_directory(venv, platform::FinalSymlink::Refuse));
    platform::EntryIdentity identity;
    if (!directory || platform::identity_of(directory.get(), identity) != 0 ||
        identity.inode != state.identity.inode || identity.device != state.identity.device) {
        throw Error(
            fmt::format("{} changed while cppvenv was removing it; nothing was deleted", name));
    }
    const TopLevelEntries entries = classify_top_level(directory.get(), name);
    print_verbose(fmt::format("{} also holds files that are not the venv's ({}...): deleting only "
                              "the venv's own entries",
                              name, entries.other.front()));
    remove_venv_entries(directory.get(), entries, ConfigFile::Remove, name);
}

} // namespace

void remove_venv(const fs::path& given, MissingVenv missing) {
    const fs::path venv = absolute_path(given);
    const std::string name = given.string();
    // What a killed `cppvenv remove` of this venv left behind goes too.
    const std::vector<std::string> leftovers = interrupted_removals(venv);
    for (const std::string& leftover : leftovers) {
        print_verbose(fmt::format("deleting {}, left by an interrupted removal",
                                  (venv.parent_path() / leftover).string()));
        if (remove_aside_folder(venv.parent_path(), leftover) != 0) {
            throw Error(fmt::format("cannot delete {}, left by an interrupted removal of {}: {}",
                                    (venv.parent_path() / leftover).string(), name,
                                    std::strerror(errno)));
        }
    }
    boost::system::error_code status_error;
    const bool exists = fs::exists(fs::symlink_status(venv, status_error));
    if (!exists && (!leftovers.empty() || missing == MissingVenv::Ignore)) {
        return; // nothing to do, or an interrupted removal had moved it aside already
    }
    const TargetState state = inspect_target(venv);
    refuse_unless_removable(state, name);
    if (state.has_other_entries) {
        remove_entries_in_place(venv, state, name);
        return;
    }
    AsideFolder aside(venv, AsideKind::Removing, name);
    print_verbose(fmt::format("renaming {} to {}", venv.string(), aside.venv_path().string()));
    if (platform::rename_replacing(venv, aside.venv_path()) != 0) {
        throw Error(fmt::format("cannot remove {}: renaming it aside failed: {}", name,
                                std::strerror(errno)));
    }
    print_verbose(fmt::format("deleting {}", aside.path().string()));
    if (remove_aside_folder(venv.parent_path(), aside.path().filename().string()) != 0) {
        throw Error(fmt::format("{} was moved to {} but could not be deleted completely: {}", name,
                                aside.path().string(), std::strerror(errno)));
    }
}

} // namespace cppvenv
