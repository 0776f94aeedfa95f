// `move`'s refusals: what is not a venv it may take, and a target that cannot be.
#include "venv/move_target.hpp"

#include "util/error.hpp"
#include "util/platform.hpp"
#include "util/posix_sh_quoting.hpp"
#include "util/tree_writer.hpp"
#include "util/utf8.hpp"
#include "venv/pyvenv_cfg.hpp"

#include <fmt/format.h>
#include <optional>

namespace cppvenv {

void refuse_unless_movable(const TargetState& state, const MoveRequest& request) {
    const std::string& name = request.shown_from;
    switch (state.kind) {
    case TargetKind::Missing:
        throw Error(fmt::format("cannot move {}: no such file or directory", name));
    case TargetKind::NotADirectory:
    case TargetKind::EmptyDirectory:
    case TargetKind::UnfinishedVenv:
    case TargetKind::OtherDirectory:
        throw Error(fmt::format("refusing to move {}: it is not a virtual environment (no "
                                "pyvenv.cfg)",
                                name));
    case TargetKind::Venv:
        break;
    }
    if (state.is_symlink) {
        throw Error(fmt::format("refusing to move {}: it is a symlink; name the venv folder "
                                "itself",
                                name));
    }
    if (state.has_other_entries) {
        throw Error(fmt::format("refusing to move {}: the folder also holds files that are not "
                                "the venv's",
                                name));
    }
    if (!request.in_place && (state.is_protected || state.is_mount_point)) {
        throw Error(fmt::format("refusing to move {}: it is the root, your home folder, the "
                                "current folder or one of its parents, or a mount point",
                                name));
    }
}

void refuse_unless_target_fits(const MoveRequest& request) {
    const std::string& to = request.to.string();
    if (to.find_first_of(std::string("\n\r\0:", 4)) != std::string::npos || !is_valid_utf8(to)) {
        throw Error(fmt::format("refusing to move {} to {}: the path holds a line break, a NUL, "
                                "the PATH separator : or bytes that are not UTF-8, which "
                                "pyvenv.cfg, PATH or activation scripts cannot hold",
                                request.shown_from, python_string_repr(request.shown_to)));
    }
    if (request.in_place) {
        return;
    }
    platform::PathType type = platform::PathType::Missing;
    if (platform::path_type_of_link(request.to, type) != 0 || type != platform::PathType::Missing) {
        throw Error(fmt::format("refusing to move {} to {}: {} exists", request.shown_from,
                                request.shown_to, request.shown_to));
    }
    const boost::filesystem::path parent = request.to.parent_path();
    if (platform::path_type_of_target(parent, type) != 0 || type != platform::PathType::Directory) {
        throw Error(fmt::format("cannot move {} to {}: {} is not a folder", request.shown_from,
                                request.shown_to, parent.string()));
    }
    const std::string from = request.from.string();
    if (to.rfind(from + "/", 0) == 0) {
        throw Error(fmt::format("refusing to move {} into itself ({})", request.shown_from,
                                request.shown_to));
    }
    if (platform::device_of(request.from) != platform::device_of(parent)) {
        // The commands are for pasting into a shell: each path one word.
        const std::string from_word = posix_sh_word(request.shown_from);
        const std::string to_word = posix_sh_word(request.shown_to);
        throw Error(fmt::format(
            "refusing to move {} to {}: that is another file system, where a move is a copy "
            "that could stop half-way; copy it with `mv {} {}`, then fix its paths with "
            "`cppvenv move {} {}`",
            request.shown_from, request.shown_to, from_word, to_word, to_word, to_word));
    }
}

bool names_folder(const boost::filesystem::path& path, int directory) {
    platform::EntryIdentity open;
    if (platform::identity_of(directory, open) != 0) {
        return false;
    }
    if (open.inode == 0) {
        return true; // Windows: a descriptor stands for its path, which has no other identity
    }
    const std::optional<platform::DiskSpace> named = platform::disk_space_of_link(path);
    return named && named->is_directory && named->device == open.device &&
           named->inode == open.inode;
}

TreeWriter open_inspected_venv(const MoveRequest& request, const TargetState& state) {
    const int directory = platform::open_directory(request.from, platform::FinalSymlink::Refuse);
    platform::EntryIdentity now;
    if (directory < 0 || platform::identity_of(directory, now) != 0 ||
        now.device != state.identity.device || now.inode != state.identity.inode) {
        if (directory >= 0) {
            platform::close_directory(directory);
        }
        throw Error(fmt::format("cannot move {}: it was replaced while cppvenv looked at it; "
                                "nothing was changed",
                                request.shown_from));
    }
    return TreeWriter(TreeWriter::OpenRoot{directory, request.from});
}

} // namespace cppvenv
