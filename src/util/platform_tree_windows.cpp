// The Windows side of util/platform.hpp's tree walking. The C runtime has no
// fd-relative calls: a "descriptor" is an index into a table of open paths, and
// Boost.Filesystem (which never follows a link or junction when it removes a
// tree) does the work.
#ifdef _WIN32

#include "util/platform.hpp"

#include <algorithm>
#include <boost/filesystem/directory.hpp>
#include <boost/filesystem/operations.hpp>
#include <cerrno>
#include <cstdio>
#include <fstream>
#include <io.h>
#include <mutex>
#include <vector>
#include <windows.h>

namespace cppvenv::platform {
namespace fs = boost::filesystem;

namespace {

std::mutex table_mutex;
std::vector<std::optional<fs::path>> table;

int add(const fs::path& path) {
    std::lock_guard<std::mutex> guard(table_mutex);
    table.emplace_back(path);
    return static_cast<int>(table.size() - 1);
}

std::optional<fs::path> path_of(int directory) {
    std::lock_guard<std::mutex> guard(table_mutex);
    if (directory < 0 || static_cast<std::size_t>(directory) >= table.size()) {
        return std::nullopt;
    }
    return table[static_cast<std::size_t>(directory)];
}

PathType type_of(const fs::file_status& status) {
    switch (status.type()) {
    case fs::regular_file:
        return PathType::File;
    case fs::directory_file:
        return PathType::Directory;
    case fs::symlink_file:
    case fs::reparse_file:
        return PathType::Symlink;
    case fs::file_not_found:
        return PathType::Missing;
    default:
        return PathType::Other;
    }
}

} // namespace

int open_directory(const fs::path& path, FinalSymlink final_symlink) {
    boost::system::error_code error;
    const fs::file_status status = final_symlink == FinalSymlink::Refuse
                                       ? fs::symlink_status(path, error)
                                       : fs::status(path, error);
    if (status.type() != fs::directory_file) {
        errno = status.type() == fs::file_not_found ? ENOENT : ENOTDIR;
        return -1;
    }
    return add(path);
}

int open_directory_at(int directory, const std::string& name) {
    const std::optional<fs::path> parent = path_of(directory);
    if (!parent) {
        errno = EBADF;
        return -1;
    }
    return open_directory(*parent / name, FinalSymlink::Refuse);
}

int duplicate_directory(int directory) {
    const std::optional<fs::path> path = path_of(directory);
    if (!path) {
        errno = EBADF;
        return -1;
    }
    return add(*path); // descriptors here are paths: the same path
}

int close_directory(int directory) {
    std::lock_guard<std::mutex> guard(table_mutex);
    if (directory >= 0 && static_cast<std::size_t>(directory) < table.size()) {
        table[static_cast<std::size_t>(directory)].reset();
    }
    return 0;
}

int identity_at(int directory, const std::string& name, EntryIdentity& identity) {
    const std::optional<fs::path> parent = path_of(directory);
    if (!parent) {
        errno = EBADF;
        return -1;
    }
    boost::system::error_code error;
    identity = EntryIdentity{};
    identity.type = type_of(fs::symlink_status(*parent / name, error));
    if (identity.type == PathType::File) {
        const std::uintmax_t size = fs::file_size(*parent / name, error);
        identity.size = error ? 0 : size;
    }
    return 0;
}

int identity_of(int directory, EntryIdentity& identity) {
    const std::optional<fs::path> path = path_of(directory);
    if (!path) {
        errno = EBADF;
        return -1;
    }
    identity = EntryIdentity{};
    identity.type = PathType::Directory;
    return 0;
}

int list_directory(int directory, std::vector<std::string>& names) {
    const std::optional<fs::path> path = path_of(directory);
    if (!path) {
        errno = EBADF;
        return -1;
    }
    names.clear();
    boost::system::error_code error;
    for (fs::directory_iterator it(*path, error), end; !error && it != end; it.increment(error)) {
        names.push_back(it->path().filename().string());
    }
    if (error) {
        errno = EIO;
        return -1;
    }
    return 0;
}

int read_file_at(int directory, const std::string& name, std::size_t limit, std::string& contents) {
    const std::optional<fs::path> parent = path_of(directory);
    if (!parent) {
        errno = EBADF;
        return -1;
    }
    boost::system::error_code error;
    if (fs::symlink_status(*parent / name, error).type() != fs::regular_file) {
        errno = EINVAL;
        return -1;
    }
    std::ifstream in((*parent / name).string(), std::ios::binary);
    if (!in) {
        errno = EACCES;
        return -1;
    }
    contents.assign(limit, '\0');
    in.read(&contents[0], static_cast<std::streamsize>(limit));
    contents.resize(static_cast<std::size_t>(in.gcount()));
    return 0;
}

int remove_tree_at(int directory, const std::string& name) {
    const std::optional<fs::path> parent = path_of(directory);
    if (!parent) {
        errno = EBADF;
        return -1;
    }
    boost::system::error_code error;
    fs::remove_all(*parent / name, error);
    if (error) {
        errno = EACCES;
        return -1;
    }
    return 0;
}

std::uintmax_t current_user_id() {
    return 0;
}

namespace {

bool is_plain_entry_name(const std::string& name) {
    if (name.empty() || name == "." || name == ".." ||
        name.find_first_of("/\\:") != std::string::npos) {
        errno = EINVAL;
        return false;
    }
    return true;
}

bool folder_path(int directory, fs::path& path) {
    const std::optional<fs::path> found = path_of(directory);
    if (!found) {
        errno = EBADF;
        return false;
    }
    path = *found;
    return true;
}

// The path of `name` in `directory`, when `name` is no symlink.
bool entry_path(int directory, const std::string& name, fs::path& path) {
    if (!is_plain_entry_name(name) || !folder_path(directory, path)) {
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

int make_directory_at(int directory, const std::string& name, unsigned /*mode*/) {
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
    if (!is_plain_entry_name(from) || !is_plain_entry_name(to) ||
        !folder_path(directory, from_path)) {
        return -1;
    }
    to_path = from_path / to;
    from_path /= from;
    return rename_replacing(from_path, to_path);
}

int rename_at(int from_directory, const std::string& from, int to_directory,
              const std::string& to) {
    fs::path from_path;
    fs::path to_path;
    if (!is_plain_entry_name(from) || !is_plain_entry_name(to) ||
        !folder_path(from_directory, from_path) || !folder_path(to_directory, to_path)) {
        return -1;
    }
    return rename_replacing(from_path / from, to_path / to);
}

int remove_file_at(int directory, const std::string& name) {
    fs::path path;
    if (!is_plain_entry_name(name) || !folder_path(directory, path)) {
        return -1;
    }
    return remove_file(path / name);
}

int remove_directory_at(int directory, const std::string& name) {
    fs::path path;
    return entry_path(directory, name, path) ? remove_empty_directory(path) : -1;
}

int clone_range(int, std::uint64_t, std::uint64_t, int) {
    errno = ENOTSUP;
    return -1;
}

int clone_file(int, int) {
    errno = ENOTSUP;
    return -1;
}

bool can_clone_into(int, std::uint64_t, int) {
    return false;
}

int copy_range(int source, std::uint64_t offset, std::uint64_t length, int destination,
               CopyWay& way) {
    way = CopyWay::Buffer;
    if (_lseeki64(source, static_cast<__int64>(offset), SEEK_SET) < 0) {
        return -1;
    }
    char buffer[64 * 1024];
    while (length > 0) {
        const auto wanted =
            static_cast<std::size_t>(std::min<std::uint64_t>(length, sizeof buffer));
        const long got = read_from(source, buffer, wanted);
        if (got < 0 && errno == EINTR) {
            continue;
        }
        if (got <= 0) {
            if (got == 0) {
                errno = ENODATA;
            }
            return -1;
        }
        for (long done = 0; done < got;) {
            const long written =
                write_to(destination, buffer + done, static_cast<std::size_t>(got - done));
            if (written == 0) {
                errno = EIO; // nothing written and no error: never spin on it
                return -1;
            }
            if (written < 0 && errno != EINTR) {
                return -1;
            }
            done += written > 0 ? written : 0;
        }
        length -= static_cast<std::uint64_t>(got);
    }
    return 0;
}

long write_at(int descriptor, std::uint64_t offset, const char* data, std::size_t size) {
    // With the offset in an OVERLAPPED, WriteFile writes there on a handle opened
    // for synchronous use: no shared file position for two threads to race on.
    const auto handle = reinterpret_cast<HANDLE>(::_get_osfhandle(descriptor));
    if (handle == INVALID_HANDLE_VALUE) {
        errno = EBADF;
        return -1;
    }
    OVERLAPPED at{};
    at.Offset = static_cast<DWORD>(offset & 0xffffffffu);
    at.OffsetHigh = static_cast<DWORD>(offset >> 32);
    const DWORD chunk = size > 0x40000000u ? 0x40000000u : static_cast<DWORD>(size);
    DWORD written = 0;
    if (!::WriteFile(handle, data, chunk, &written, &at)) {
        errno = EIO;
        return -1;
    }
    return static_cast<long>(written);
}

int set_file_size(int descriptor, std::uint64_t size) {
    errno = _chsize_s(descriptor, static_cast<__int64>(size));
    return errno == 0 ? 0 : -1;
}

int link_file_at(int, const std::string&, int, const std::string&) {
    errno = ENOTSUP; // the cache copies on Windows
    return -1;
}

int set_directory_mode(int, unsigned) {
    return 0;
}

int path_type_at(int directory, const std::string& name, PathType& type) {
    fs::path path;
    if (!is_plain_entry_name(name) || !folder_path(directory, path)) {
        return -1;
    }
    return path_type_of_link(path / name, type);
}

} // namespace cppvenv::platform

#endif // _WIN32
