#pragma once
// Hidden staging and removal folders beside a venv: naming, locking, sweeping.

#include "util/platform.hpp"

#include <boost/filesystem/path.hpp>
#include <optional>
#include <string>
#include <vector>

namespace cppvenv {

enum class AsideKind {
    Staging,  // a create builds the new venv in it
    Removing, // a remove (or --clear) moves the old venv into it, then deletes it
};

// A hidden folder beside a venv, for one create or remove:
// `.NAME.cppvenv-staging-PID-RANDOM` or `.NAME.cppvenv-removing-PID-RANDOM`
// (NAME is replaced by a hash of it when it is too long for a file name). It
// holds a marker file that says cppvenv made it, and `venv`, the venv being
// built or deleted; it is locked while its process lives. The destructor
// deletes it whole, without following a symlink.
class AsideFolder {
public:
    // Throws Error naming `shown` (the venv path the user gave), never the
    // hidden folder.
    AsideFolder(const boost::filesystem::path& target, AsideKind kind, const std::string& shown);
    AsideFolder(const AsideFolder&) = delete;
    AsideFolder& operator=(const AsideFolder&) = delete;
    ~AsideFolder();

    const boost::filesystem::path& path() const { return path_; }
    // Where the venv goes inside: path()/venv (made for Staging, not for Removing).
    boost::filesystem::path venv_path() const { return path_ / "venv"; }

private:
    platform::DirectoryLock lock_; // declared first: released after the folder is gone
    boost::filesystem::path path_;
};

// The hidden name for `target_name` (a file name), this process and `random`.
std::string aside_name(const std::string& target_name, AsideKind kind, long process_id,
                       unsigned random);

// What a marker file's contents say: whole (what cppvenv writes, with when its
// process started where the system could tell), cut (a start of it: its writer
// was killed), or foreign (anything else).
struct MarkerReading {
    enum State { Foreign, Whole, Cut } state;
    std::optional<std::string> owner_started;
};
MarkerReading read_marker(const std::string& contents, AsideKind kind);

// The aside folders of `kind` in `parent` that a cppvenv process now gone left
// behind: only names of the exact form cppvenv makes (for `target_name` only,
// unless it is empty), owned by this user, holding cppvenv's marker, and not
// locked. Returns their names.
std::vector<std::string> abandoned_aside_folders(const boost::filesystem::path& parent,
                                                 AsideKind kind, const std::string& target_name);

// Deletes `name` in `parent` (fd-relative, no symlink followed); -1 with errno.
int remove_aside_folder(const boost::filesystem::path& parent, const std::string& name);

} // namespace cppvenv
