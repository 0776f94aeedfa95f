#pragma once
// A folder that no other user can change, nor anything on the way to it: where
// cppvenv keeps what it later trusts (interpreter facts, unpacked wheels).

#include "util/platform.hpp"

#include <boost/filesystem/path.hpp>
#include <optional>
#include <string>

namespace cppvenv {

// A folder of this user's that nobody else may write: what every folder of a
// cache must be before anything in it is trusted.
inline bool is_private_folder(const platform::EntryIdentity& identity) {
    return identity.type == platform::PathType::Directory &&
           identity.owner == platform::current_user_id() && (identity.mode & 022) == 0;
}

struct PrivateFolder {
    platform::OpenDirectory descriptor;
    // From the root, every symlink resolved: the folder the descriptor is, by a
    // path no other user can redirect (symlink mode links venvs to it).
    boost::filesystem::path real_path;
    // Where a sticky folder others may write (/tmp) is on the way, the folder
    // just below the last such (/tmp/NAME), else empty: the real path is safe
    // while that folder lasts, but once it is cleaned away anyone may take its
    // name, so only what goes with it (a venv inside it) may link to the path.
    boost::filesystem::path lasts_only_with;
};

// Opens the absolute `path` one part at a time from "/", never letting the
// system follow a symlink: a symlink on the way is read and followed here. Every
// folder on the way must belong to this user or to root and be writable by
// nobody else (group write counts: ACLs grant through it), or be sticky (as
// /tmp is) with the next part belonging to this user or root; so must every
// symlink. The last folder must be this user's, writable by nobody else.
// Missing folders are made, writable by this user only (the XDG spec's 0700);
// nothing that exists is changed. std::nullopt, with `problem` saying
// which part failed and why, when it cannot be trusted or opened.
std::optional<PrivateFolder> open_private_folder(const boost::filesystem::path& path,
                                                 std::string& problem);

} // namespace cppvenv
