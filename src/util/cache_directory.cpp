// Where cppvenv keeps what it may rebuild: interpreter facts and unpacked wheels.
#include "util/cache_directory.hpp"

#include "util/file_system.hpp"
#include "util/platform.hpp"

#include <boost/filesystem/operations.hpp>
#include <cerrno>

namespace cppvenv {
namespace fs = boost::filesystem;

namespace {
fs::path chosen_cache_directory;
} // namespace

void set_cache_directory(const fs::path& directory) {
    chosen_cache_directory = directory;
}

fs::path default_cache_directory() {
    // Absolute: symlink mode links venvs to it by this path, and a relative
    // one would name another folder from each venv's.
    if (!chosen_cache_directory.empty()) {
        boost::system::error_code error;
        const fs::path absolute = fs::absolute(chosen_cache_directory, fs::current_path(error));
        return error ? chosen_cache_directory : absolute;
    }
    // The XDG base directory spec: a relative path is invalid and ignored.
    if (auto xdg = environment_variable("XDG_CACHE_HOME");
        xdg && !xdg->empty() && fs::path(*xdg).is_absolute()) {
        return fs::path(*xdg) / "cppvenv";
    }
    return home_directory() / ".cache" / "cppvenv";
}

void make_cache_folder(const fs::path& folder) {
    platform::PathType type = platform::PathType::Missing;
    if (platform::path_type_of_target(folder, type) == 0 && type == platform::PathType::Directory) {
        return;
    }
    if (folder.has_parent_path() && folder.parent_path() != folder) {
        boost::system::error_code error;
        fs::create_directories(folder.parent_path(), error);
    }
    if (platform::make_directory(folder) != 0 && errno != EEXIST) {
        throw_system_error("cannot create the cache folder", folder);
    }
    platform::OpenDirectory made(platform::open_directory(folder, platform::FinalSymlink::Refuse));
    platform::EntryIdentity identity;
    if (made && platform::identity_of(made.get(), identity) == 0 &&
        identity.owner == platform::current_user_id() && (identity.mode & 022) != 0) {
        platform::set_directory_mode(made.get(), identity.mode & ~022u);
    }
}

} // namespace cppvenv
