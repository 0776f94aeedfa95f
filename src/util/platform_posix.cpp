// The POSIX side of util/platform.hpp (Linux, and other systems without
// renameat2 where noted).
#ifndef _WIN32

#include "util/cpu_quota.hpp"
#include "util/platform.hpp"
#include "util/platform_posix_mode.hpp"

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <dlfcn.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#ifdef __linux__
#include <sys/statfs.h>
#endif
#include <thread>
#include <unistd.h>

namespace cppvenv::platform {
namespace fs = boost::filesystem;

int create_new_file(const fs::path& path, unsigned mode) {
    // O_EXCL already refuses a symlink in the file's place; O_NOFOLLOW says so.
    return ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
}

int open_for_reading(const fs::path& path) {
    return ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
}

long write_to(int descriptor, const char* data, std::size_t size) {
    return static_cast<long>(::write(descriptor, data, size));
}

long read_from(int descriptor, char* buffer, std::size_t size) {
    return static_cast<long>(::read(descriptor, buffer, size));
}

long read_at(int descriptor, std::uint64_t offset, char* buffer, std::size_t size) {
    return static_cast<long>(::pread(descriptor, buffer, size, static_cast<off_t>(offset)));
}

long write_at(int descriptor, std::uint64_t offset, const char* data, std::size_t size) {
    return static_cast<long>(::pwrite(descriptor, data, size, static_cast<off_t>(offset)));
}

int close_file(int descriptor) {
    return ::close(descriptor);
}

int make_directory(const fs::path& path) {
    return ::mkdir(path.c_str(), 0777);
}

int make_symlink(const std::string& link_target, const fs::path& path) {
    return ::symlink(link_target.c_str(), path.c_str());
}

int remove_file(const fs::path& path) {
    return ::unlink(path.c_str());
}

int remove_empty_directory(const fs::path& path) {
    return ::rmdir(path.c_str());
}

int rename_replacing(const fs::path& from, const fs::path& to) {
    return ::rename(from.c_str(), to.c_str());
}

int rename_no_replace(const fs::path& from, const fs::path& to) {
#ifdef RENAME_NOREPLACE
    return ::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE);
#else
    (void)from, (void)to;
    errno = EINVAL;
    return -1;
#endif
}

int exchange_paths(const fs::path& first, const fs::path& second) {
#ifdef RENAME_EXCHANGE
    return ::renameat2(AT_FDCWD, first.c_str(), AT_FDCWD, second.c_str(), RENAME_EXCHANGE);
#else
    (void)first, (void)second;
    errno = EINVAL;
    return -1;
#endif
}

namespace {

int type_from(int status, const struct stat& info, PathType& type) {
    if (status == 0) {
        type = path_type_of_mode(info.st_mode);
        return 0;
    }
    if (errno == ENOENT || errno == ENOTDIR) {
        type = PathType::Missing;
        return 0;
    }
    return -1;
}

std::int64_t nanoseconds(const struct timespec& time) {
    return static_cast<std::int64_t>(time.tv_sec) * 1000000000 + time.tv_nsec;
}

} // namespace

int path_type_of_link(const fs::path& path, PathType& type) {
    struct stat info {};
    const int status = ::lstat(path.c_str(), &info);
    return type_from(status, info, type);
}

int path_type_of_target(const fs::path& path, PathType& type) {
    struct stat info {};
    const int status = ::stat(path.c_str(), &info);
    return type_from(status, info, type);
}

std::optional<std::uintmax_t> device_of(const fs::path& path) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) {
        return std::nullopt;
    }
    return static_cast<std::uintmax_t>(info.st_dev);
}

std::optional<FileIdentity> file_identity(const fs::path& path) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) {
        return std::nullopt;
    }
    FileIdentity identity;
    identity.size = static_cast<std::uintmax_t>(info.st_size);
#ifdef __APPLE__
    identity.mtime_ns = nanoseconds(info.st_mtimespec);
    identity.ctime_ns = nanoseconds(info.st_ctimespec);
#else
    identity.mtime_ns = nanoseconds(info.st_mtim);
    identity.ctime_ns = nanoseconds(info.st_ctim);
#endif
    identity.inode = static_cast<std::uintmax_t>(info.st_ino);
    return identity;
}

std::optional<DiskSpace> disk_space_of_link(const fs::path& path) {
    struct stat info {};
    if (::lstat(path.c_str(), &info) != 0) {
        return std::nullopt;
    }
    DiskSpace space;
    space.allocated_bytes = static_cast<std::uintmax_t>(info.st_blocks) * 512;
    space.device = static_cast<std::uintmax_t>(info.st_dev);
    space.inode = static_cast<std::uintmax_t>(info.st_ino);
    space.link_count = static_cast<std::uintmax_t>(info.st_nlink);
    space.is_directory = S_ISDIR(info.st_mode);
    return space;
}

bool is_executable_file(const fs::path& path) {
    struct stat info {};
    return ::stat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode) &&
           ::access(path.c_str(), X_OK) == 0;
}

int replace_process(const fs::path& program, char* const* arguments, char* const* environment) {
    return ::execve(program.c_str(), arguments, environment);
}

long current_process_id() {
    return static_cast<long>(::getpid());
}

#ifdef __linux__
namespace {

// A file of /proc or /sys whole (they tell no size); nullopt when it cannot be read.
std::optional<std::string> read_kernel_file(const std::string& path) {
    const int descriptor = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (descriptor < 0) {
        return std::nullopt;
    }
    std::string text;
    char buffer[8192];
    ssize_t got = 0;
    while (text.size() < (1U << 20) && (got = ::read(descriptor, buffer, sizeof buffer)) > 0) {
        text.append(buffer, static_cast<std::size_t>(got));
    }
    ::close(descriptor);
    return got < 0 ? std::nullopt : std::optional<std::string>(std::move(text));
}

// The fewest processors that the CPU quota of this process's cgroup, or of a
// group above it, allows (v2 and v1); nullopt when none is set or none is seen.
std::optional<unsigned> cores_in_cgroup_quota() {
    const std::optional<std::string> groups = read_kernel_file("/proc/self/cgroup");
    const std::optional<std::string> mounts = read_kernel_file("/proc/self/mountinfo");
    if (!groups || !mounts) {
        return std::nullopt;
    }
    std::optional<unsigned> fewest;
    for (const CgroupVersion version : {CgroupVersion::V2, CgroupVersion::V1}) {
        const std::optional<CgroupFolders> folders = cgroup_folders(*groups, *mounts, version);
        if (!folders) {
            continue;
        }
        for (std::string folder = folders->group;;) {
            const std::optional<unsigned> cores =
                version == CgroupVersion::V2
                    ? cores_in_cpu_max(read_kernel_file(folder + "/cpu.max").value_or(""))
                    : cores_in_cfs_quota(
                          read_kernel_file(folder + "/cpu.cfs_quota_us").value_or(""),
                          read_kernel_file(folder + "/cpu.cfs_period_us").value_or(""));
            if (cores && (!fewest || *cores < *fewest)) {
                fewest = cores;
            }
            if (folder.size() <= folders->mount_point.size()) {
                break;
            }
            folder.erase(folder.rfind('/'));
        }
    }
    return fewest;
}

} // namespace
#endif

unsigned available_cores() {
    // Read once a run: the quota files are a few reads of /proc and /sys.
    static const unsigned cores = [] {
#ifdef __linux__
        // The processors this process may run on; all that are online (glibc
        // reads /sys for them: 50 µs) only when they cannot be had.
        cpu_set_t allowed;
        CPU_ZERO(&allowed);
        unsigned count = ::sched_getaffinity(0, sizeof allowed, &allowed) == 0
                             ? static_cast<unsigned>(CPU_COUNT(&allowed))
                             : std::thread::hardware_concurrency();
        const std::optional<unsigned> quota = cores_in_cgroup_quota();
        if (quota && *quota < count) {
            count = *quota;
        }
#else
        unsigned count = std::thread::hardware_concurrency();
#endif
        return count;
    }();
    return cores;
}

bool process_started_after(long, const fs::path&) {
    return false;
}

std::size_t symlink_target_bytes_in_inode(const fs::path& folder) {
#ifdef __linux__
    struct statfs facts {};
    if (::statfs(folder.c_str(), &facts) == 0) {
        switch (static_cast<unsigned long>(facts.f_type)) {
        case 0x01021994UL: // tmpfs: up to 127 bytes (and the NUL) beside the inode
            return 127;
        case 0x58465342UL: // XFS: in the inode's literal area, 156 bytes or more
            return 150;
        case 0x9123683eUL: // Btrfs: always inline in the file system tree
            return static_cast<std::size_t>(-1);
        default:
            break;
        }
    }
    return 59; // ext2/3/4's 60-byte block map; the least of the common ones
#else
    // Unknown (APFS keeps targets in the inode, UFS 120 bytes): links as they are.
    (void)folder;
    return static_cast<std::size_t>(-1);
#endif
}

std::optional<std::string> process_start_time(long process_id) {
#ifdef __linux__
    // Field 22 of /proc/PID/stat: clock ticks from boot to the process's start.
    // The name in field 2 may hold spaces and parentheses: count from its end.
    if (process_id <= 0) {
        return std::nullopt;
    }
    const std::string path = "/proc/" + std::to_string(process_id) + "/stat";
    const int descriptor = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (descriptor < 0) {
        return std::nullopt;
    }
    char buffer[1024];
    const ssize_t length = ::read(descriptor, buffer, sizeof buffer);
    ::close(descriptor);
    const std::string stat(buffer, length > 0 ? static_cast<std::size_t>(length) : 0);
    std::string::size_type at = stat.rfind(')');
    for (int field = 2; field < 22 && at != std::string::npos; ++field) {
        at = stat.find(' ', at + 1);
    }
    if (at == std::string::npos) {
        return std::nullopt;
    }
    const std::string ticks = stat.substr(at + 1, stat.find(' ', at + 1) - at - 1);
    if (ticks.empty() || ticks.find_first_not_of("0123456789") != std::string::npos) {
        return std::nullopt;
    }
    return ticks;
#else
    (void)process_id;
    return std::nullopt;
#endif
}

bool process_is_alive(long process_id) {
    const pid_t pid = static_cast<pid_t>(process_id);
    return pid > 0 && (::kill(pid, 0) == 0 || errno == EPERM);
}

bool standard_error_is_terminal() {
    return ::isatty(STDERR_FILENO) != 0;
}

std::optional<std::string> running_executable_path() {
    char buffer[PATH_MAX];
    ssize_t length = ::readlink("/proc/self/exe", buffer, sizeof buffer - 1);
    if (length <= 0) {
        return std::nullopt;
    }
    return std::string(buffer, static_cast<size_t>(length));
}

std::optional<std::string> home_directory_text() {
    const char* home = std::getenv("HOME");
    if (home == nullptr) {
        return std::nullopt;
    }
    return std::string(home);
}

void open_closed_standard_streams() {
    for (int descriptor = 0; descriptor <= 2; ++descriptor) {
        if (::fcntl(descriptor, F_GETFD) == -1 && errno == EBADF) {
            // The lowest free descriptor, so this one; kept across exec, as a
            // standard stream is.
            const int opened = ::open("/dev/null", O_RDWR);
            if (opened != descriptor) {
                if (opened >= 0) {
                    ::close(opened);
                }
                return;
            }
        }
    }
}

DirectoryLock::~DirectoryLock() {
    if (descriptor_ >= 0) {
        ::close(descriptor_);
    }
}

bool DirectoryLock::lock(const fs::path& directory) {
    descriptor_ = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (descriptor_ < 0) {
        return false;
    }
    ::flock(descriptor_, LOCK_EX);
    return true;
}

bool DirectoryLock::try_lock(const fs::path& directory) {
    descriptor_ = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
    if (descriptor_ < 0) {
        return false;
    }
    return ::flock(descriptor_, LOCK_EX | LOCK_NB) == 0;
}

void* load_library(const std::string& name, std::string& error) {
    void* library = dlopen(name.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (library == nullptr) {
        const char* reason = dlerror();
        error = reason != nullptr ? reason : "unknown error";
    }
    return library;
}

void* library_symbol(void* library, const char* symbol) {
    return dlsym(library, symbol);
}

} // namespace cppvenv::platform

#endif // !_WIN32
