// The folder-descriptor calls of util/platform.hpp on Windows, emulated with
// paths: a "descriptor" is an index into a table of open folders' paths. Each
// call checks that the name it is given is not a symlink (a reparse point)
// before it acts, as O_NOFOLLOW does on POSIX; the check and the act are two
// steps there, which is acceptable where creating a symlink needs privileges.
#ifdef _WIN32

#include "util/platform.hpp"

#include <boost/filesystem/directory.hpp>
#include <cerrno>
#include <map>
#include <mutex>

namespace cppvenv::platform {
namespace fs = boost::filesystem;

namespace {

std::mutex table_mutex;
std::map<int, fs::path> open_folders;
int next_descriptor = 1;

int remember(const fs::path& path) {
    std::lock_guard<std::mutex> lock(table_mutex);
    open_folders[next_descriptor] = path;
    return next_descriptor++;
}

bool folder_path(int directory, fs::path& path) {
    std::lock_guard<std::mutex> lock(table_mutex);
    const auto found = open_folders.find(directory);
    if (found == open_folders.end()) {
        errno = EBADF;
        return false;
    }
    path = found->second;
    return true;
}

bool is_plain_name(const std::string& name) {
    if (name.empty() || name == "." || name == ".." ||
        name.find_first_of("/\\:") != std::string::npos) {
        errno = EINVAL;
        return false;
    }
    return true;
}

// The path of `name` in `directory`, when `name` is no symlink.
bool entry_path(int directory, const std::string& name, fs::path& path) {
    if (!is_plain_name(name) || !folder_path(directory, path)) {
        return false;
    }
    path /= name;
    PathType type = PathType::Missing;
    if (path_type_of_link(path, type) != 0) {
        return false;
    }
    if (type == PathType::Symlink) {
        errno = ELOOP;
        return false;
    }
    return true;
}

} // namespace

int open_directory(const fs::path& path) {
    PathType type = PathType::Missing;
    if (path_type_of_target(path, type) != 0) {
        return -1;
    }
    if (type != PathType::Directory) {
        errno = type == PathType::Missing ? ENOENT : ENOTDIR;
        return -1;
    }
    return remember(path);
}

int open_directory_at(int directory, const std::string& name) {
    fs::path path;
    if (!entry_path(directory, name, path)) {
        return -1;
    }
    PathType type = PathType::Missing;
    if (path_type_of_link(path, type) != 0) {
        return -1;
    }
    if (type != PathType::Directory) {
        errno = type == PathType::Missing ? ENOENT : ENOTDIR;
        return -1;
    }
    return remember(path);
}

int close_directory(int directory) {
    std::lock_guard<std::mutex> lock(table_mutex);
    return open_folders.erase(directory) == 1 ? 0 : (errno = EBADF, -1);
}

int make_directory_at(int directory, const std::string& name) {
    fs::path path;
    return entry_path(directory, name, path) ? make_directory(path) : -1;
}

int create_file_at(int directory, const std::string& name, unsigned mode) {
    fs::path path;
    return entry_path(directory, name, path) ? create_new_file(path, mode) : -1;
}

int open_file_at(int directory, const std::string& name) {
    fs::path path;
    return entry_path(directory, name, path) ? open_for_reading(path) : -1;
}

int make_symlink_at(const std::string& link_target, int directory, const std::string& name) {
    fs::path path;
    return entry_path(directory, name, path) ? make_symlink(link_target, path) : -1;
}

int rename_at(int directory, const std::string& from, const std::string& to) {
    fs::path from_path;
    fs::path to_path;
    if (!is_plain_name(from) || !is_plain_name(to) || !folder_path(directory, from_path)) {
        return -1;
    }
    to_path = from_path / to;
    from_path /= from;
    return rename_replacing(from_path, to_path);
}

int remove_file_at(int directory, const std::string& name) {
    fs::path path;
    if (!is_plain_name(name) || !folder_path(directory, path)) {
        return -1;
    }
    return remove_file(path / name);
}

int remove_directory_at(int directory, const std::string& name) {
    fs::path path;
    return entry_path(directory, name, path) ? remove_empty_directory(path) : -1;
}

int path_type_at(int directory, const std::string& name, PathType& type) {
    fs::path path;
    if (!is_plain_name(name) || !folder_path(directory, path)) {
        return -1;
    }
    return path_type_of_link(path / name, type);
}

int list_directory(int directory, std::vector<std::string>& names) {
    fs::path path;
    if (!folder_path(directory, path)) {
        return -1;
    }
    boost::system::error_code error;
    for (fs::directory_iterator it(path, error), end; !error && it != end; it.increment(error)) {
        names.push_back(it->path().filename().string());
    }
    if (error) {
        errno = EIO;
        return -1;
    }
    return 0;
}

} // namespace cppvenv::platform

#endif // _WIN32
