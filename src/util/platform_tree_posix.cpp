// The POSIX side of util/platform.hpp's tree walking: openat/fstatat/unlinkat
// from a directory descriptor, O_NOFOLLOW on every component.
#ifndef _WIN32

#include "util/platform.hpp"
#include "util/platform_posix_mode.hpp"

#include <algorithm>
#include <cerrno>
#include <dirent.h>
#ifdef __linux__
#include <linux/fs.h>
#endif
#include <fcntl.h>
#include <sys/ioctl.h>
#ifdef __linux__
#include <sys/sendfile.h>
#endif
#include <sys/stat.h>
#include <unistd.h>

namespace cppvenv::platform {
namespace fs = boost::filesystem;

namespace {

constexpr int directory_flags = O_RDONLY | O_DIRECTORY | O_CLOEXEC;

void fill(const struct stat& info, EntryIdentity& identity) {
    identity.type = path_type_of_mode(info.st_mode);
    identity.device = static_cast<std::uintmax_t>(info.st_dev);
    identity.inode = static_cast<std::uintmax_t>(info.st_ino);
    identity.owner = static_cast<std::uintmax_t>(info.st_uid);
    identity.size = static_cast<std::uintmax_t>(info.st_size);
    identity.mode = static_cast<unsigned>(info.st_mode & 07777);
}

} // namespace

int open_directory(const fs::path& path, FinalSymlink final_symlink) {
    return ::open(path.c_str(),
                  directory_flags | (final_symlink == FinalSymlink::Refuse ? O_NOFOLLOW : 0));
}

int open_directory_at(int directory, const std::string& name) {
    return ::openat(directory, name.c_str(), directory_flags | O_NOFOLLOW);
}

int duplicate_directory(int directory) {
    return ::openat(directory, ".", directory_flags);
}

int close_directory(int directory) {
    return ::close(directory);
}

int identity_at(int directory, const std::string& name, EntryIdentity& identity) {
    struct stat info {};
    if (::fstatat(directory, name.c_str(), &info, AT_SYMLINK_NOFOLLOW) != 0) {
        if (errno == ENOENT) {
            identity = EntryIdentity{};
            return 0;
        }
        return -1;
    }
    fill(info, identity);
    return 0;
}

int identity_of(int directory, EntryIdentity& identity) {
    struct stat info {};
    if (::fstat(directory, &info) != 0) {
        return -1;
    }
    fill(info, identity);
    return 0;
}

int list_directory(int directory, std::vector<std::string>& names) {
    // fdopendir takes over the descriptor it is given: hand it a duplicate.
    const int copy = ::openat(directory, ".", directory_flags);
    if (copy < 0) {
        return -1;
    }
    DIR* stream = ::fdopendir(copy);
    if (stream == nullptr) {
        const int saved = errno;
        ::close(copy);
        errno = saved;
        return -1;
    }
    names.clear();
    errno = 0;
    while (const struct dirent* entry = ::readdir(stream)) {
        const std::string name = entry->d_name;
        if (name != "." && name != "..") {
            names.push_back(name);
        }
        errno = 0;
    }
    const int saved = errno;
    ::closedir(stream);
    errno = saved;
    return saved == 0 ? 0 : -1;
}

int read_file_at(int directory, const std::string& name, std::size_t limit, std::string& contents) {
    const int descriptor =
        ::openat(directory, name.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
    if (descriptor < 0) {
        return -1;
    }
    struct stat info {};
    if (::fstat(descriptor, &info) != 0 || !S_ISREG(info.st_mode)) {
        ::close(descriptor);
        errno = EINVAL;
        return -1;
    }
    contents.clear();
    char buffer[4096];
    while (contents.size() < limit) {
        const ssize_t got = ::read(descriptor, buffer, sizeof buffer);
        if (got < 0 && errno == EINTR) {
            continue;
        }
        if (got <= 0) {
            const int saved = errno;
            ::close(descriptor);
            errno = saved;
            return got < 0 ? -1 : 0;
        }
        contents.append(buffer, static_cast<std::size_t>(got));
    }
    ::close(descriptor);
    contents.resize(limit);
    return 0;
}

int remove_tree_at(int directory, const std::string& name) {
    struct stat info {};
    if (::fstatat(directory, name.c_str(), &info, AT_SYMLINK_NOFOLLOW) != 0) {
        return errno == ENOENT ? 0 : -1;
    }
    if (!S_ISDIR(info.st_mode)) {
        return ::unlinkat(directory, name.c_str(), 0) == 0 || errno == ENOENT ? 0 : -1;
    }
    struct stat parent {};
    if (::fstat(directory, &parent) != 0) {
        return -1;
    }
    if (parent.st_dev != info.st_dev) {
        errno = EXDEV; // a mount inside the tree: not ours to empty
        return -1;
    }
    const int child = ::openat(directory, name.c_str(), directory_flags | O_NOFOLLOW);
    if (child < 0) {
        if (errno == ENOTDIR || errno == ELOOP) { // swapped for a file or link meanwhile
            return remove_tree_at(directory, name);
        }
        return errno == ENOENT ? 0 : -1;
    }
    struct stat opened {};
    if (::fstat(child, &opened) != 0 || opened.st_dev != info.st_dev ||
        opened.st_ino != info.st_ino) {
        ::close(child);
        errno = EAGAIN; // swapped for another folder meanwhile
        return -1;
    }
    int first_error = 0;
    std::vector<std::string> names;
    if (list_directory(child, names) != 0) {
        first_error = errno;
    }
    for (const std::string& inner : names) {
        if (remove_tree_at(child, inner) != 0 && first_error == 0) {
            first_error = errno;
        }
    }
    ::close(child);
    if (::unlinkat(directory, name.c_str(), AT_REMOVEDIR) != 0 && errno != ENOENT &&
        first_error == 0) {
        first_error = errno;
    }
    if (first_error != 0) {
        errno = first_error;
        return -1;
    }
    return 0;
}

int make_directory_at(int directory, const std::string& name, unsigned mode) {
    return ::mkdirat(directory, name.c_str(), static_cast<mode_t>(mode));
}

int create_file_at(int directory, const std::string& name, unsigned mode) {
    return ::openat(directory, name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                    mode);
}

int open_file_at(int directory, const std::string& name) {
    return ::openat(directory, name.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
}

int make_symlink_at(const std::string& link_target, int directory, const std::string& name) {
    return ::symlinkat(link_target.c_str(), directory, name.c_str());
}

int rename_at(int directory, const std::string& from, const std::string& to) {
    return ::renameat(directory, from.c_str(), directory, to.c_str());
}

int rename_at(int from_directory, const std::string& from, int to_directory,
              const std::string& to) {
    return ::renameat(from_directory, from.c_str(), to_directory, to.c_str());
}

int remove_file_at(int directory, const std::string& name) {
    return ::unlinkat(directory, name.c_str(), 0);
}

int remove_directory_at(int directory, const std::string& name) {
    return ::unlinkat(directory, name.c_str(), AT_REMOVEDIR);
}

int path_type_at(int directory, const std::string& name, PathType& type) {
    struct stat info {};
    if (::fstatat(directory, name.c_str(), &info, AT_SYMLINK_NOFOLLOW) != 0) {
        if (errno == ENOENT || errno == ENOTDIR) {
            type = PathType::Missing;
            return 0;
        }
        return -1;
    }
    type = path_type_of_mode(info.st_mode);
    return 0;
}

std::uintmax_t current_user_id() {
    // Asked once per cached file; cppvenv never changes its user, so once is enough.
    static const auto user = static_cast<std::uintmax_t>(::geteuid());
    return user;
}

int clone_range(int source, std::uint64_t offset, std::uint64_t length, int destination) {
#ifdef FICLONERANGE
    file_clone_range range{};
    range.src_fd = source;
    range.src_offset = offset;
    range.src_length = length;
    range.dest_offset = 0;
    return ::ioctl(destination, FICLONERANGE, &range);
#else
    (void)source;
    (void)offset;
    (void)length;
    (void)destination;
    errno = EOPNOTSUPP;
    return -1;
#endif
}

int clone_file(int source, int destination) {
#ifdef FICLONE
    return ::ioctl(destination, FICLONE, source);
#else
    (void)source;
    (void)destination;
    errno = EOPNOTSUPP;
    return -1;
#endif
}

bool can_clone_into(int source, std::uint64_t length, int directory) {
#if defined(O_TMPFILE) && defined(FICLONERANGE)
    const int probe = ::openat(directory, ".", O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
    if (probe < 0) {
        return false;
    }
    const bool cloned = clone_range(source, 0, length, probe) == 0;
    ::close(probe);
    return cloned;
#else
    (void)source;
    (void)length;
    (void)directory;
    return false;
#endif
}

namespace {

int write_whole(int destination, const char* data, std::size_t size) {
    while (size > 0) {
        const ssize_t written = ::write(destination, data, size);
        if (written < 0) {
            if (errno == EINTR) {
                continue;
            }
            return -1;
        }
        data += written;
        size -= static_cast<std::size_t>(written);
    }
    return 0;
}

int copy_range_through_buffer(int source, std::uint64_t offset, std::uint64_t length,
                              int destination) {
    char buffer[64 * 1024];
    while (length > 0) {
        const std::size_t wanted =
            static_cast<std::size_t>(std::min<std::uint64_t>(length, sizeof buffer));
        const ssize_t got = ::pread(source, buffer, wanted, static_cast<off_t>(offset));
        if (got < 0 && errno == EINTR) {
            continue;
        }
        if (got <= 0) {
            if (got == 0) {
                errno = ENODATA;
            }
            return -1;
        }
        if (write_whole(destination, buffer, static_cast<std::size_t>(got)) != 0) {
            return -1;
        }
        offset += static_cast<std::uint64_t>(got);
        length -= static_cast<std::uint64_t>(got);
    }
    return 0;
}

} // namespace

#ifdef __linux__
namespace {

// Whether the kernel refused a way of copying (not between these file systems,
// not on this kernel, or denied by a sandbox's seccomp filter: EPERM) rather
// than failed to copy. A real failure shows again in the next way, a write.
bool refused(int error) {
    return error == EXDEV || error == ENOSYS || error == EOPNOTSUPP || error == EINVAL ||
           error == EPERM;
}

// copy_file_range, then sendfile, for as long as the kernel takes them: each
// moves `offset` and `length` on by what it copied. 0 once the range is
// copied or every kernel way is refused (`way` is then Buffer), -1 with errno.
int copy_range_in_kernel(int source, loff_t& offset, std::uint64_t& length, int destination,
                         CopyWay& way) {
    while (way != CopyWay::Buffer && length > 0) {
        // sendfile takes at most 0x7ffff000 bytes a call; so does copy_file_range.
        const auto chunk = static_cast<size_t>(std::min<std::uint64_t>(length, 0x7ffff000));
        const ssize_t copied =
            way == CopyWay::FileRange
                ? ::copy_file_range(source, &offset, destination, nullptr, chunk, 0)
                : ::sendfile(destination, source, &offset, chunk);
        if (copied > 0) {
            length -= static_cast<std::uint64_t>(copied);
        } else if (copied == 0) {
            errno = ENODATA;
            return -1;
        } else if (errno != EINTR) {
            if (!refused(errno)) {
                return -1;
            }
            way = way == CopyWay::FileRange ? CopyWay::Sendfile : CopyWay::Buffer;
        }
    }
    return 0;
}

} // namespace
#endif

int copy_range(int source, std::uint64_t offset, std::uint64_t length, int destination,
               CopyWay& way) {
#ifdef __linux__
    auto from = static_cast<loff_t>(offset);
    if (copy_range_in_kernel(source, from, length, destination, way) != 0) {
        return -1;
    }
    offset = static_cast<std::uint64_t>(from);
#else
    way = CopyWay::Buffer;
#endif
    return length == 0 ? 0 : copy_range_through_buffer(source, offset, length, destination);
}

int set_file_size(int descriptor, std::uint64_t size) {
    return ::ftruncate(descriptor, static_cast<off_t>(size));
}

int link_file_at(int from_directory, const std::string& from, int to_directory,
                 const std::string& to) {
    return ::linkat(from_directory, from.c_str(), to_directory, to.c_str(), 0);
}

int set_directory_mode(int directory, unsigned mode) {
    return ::fchmod(directory, static_cast<mode_t>(mode));
}

} // namespace cppvenv::platform

#endif // !_WIN32
