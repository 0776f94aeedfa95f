#pragma once

// The few operating-system calls the tool makes that are not the same on POSIX
// and Windows, behind one small interface: platform_posix.cpp implements it with
// POSIX calls (the Linux build's behaviour), platform_windows.cpp with Win32 and
// the C runtime. Calls that can fail return 0 on success and -1 with errno set,
// as the POSIX calls do, so callers report errors the same way on both.

#include <boost/filesystem/path.hpp>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cppvenv::platform {

// --- Files, as small integer descriptors (POSIX fds; the C runtime's on Windows).

// Creates a file that must not exist yet (a symlink in its place counts as
// existing), for writing, not inherited by child processes. `mode` is filtered
// by the umask on POSIX and ignored on Windows. Returns -1 with errno on failure.
int create_new_file(const boost::filesystem::path& path, unsigned mode);
int open_for_reading(const boost::filesystem::path& path);
// Bytes written or read, or -1 with errno (EINTR: try again).
long write_to(int descriptor, const char* data, std::size_t size);
long read_from(int descriptor, char* buffer, std::size_t size);
// As read_from, at `offset` in the file (POSIX: without moving its offset;
// Windows: the offset is left after what was read).
long read_at(int descriptor, std::uint64_t offset, char* buffer, std::size_t size);
// As write_to, at `offset` in the file, without moving its offset: several
// threads may write their own ranges of one file at once.
long write_at(int descriptor, std::uint64_t offset, const char* data, std::size_t size);
int close_file(int descriptor);

// --- Paths.

int make_directory(const boost::filesystem::path& path); // mode 0777 less the umask
int make_symlink(const std::string& link_target, const boost::filesystem::path& path);
int remove_file(const boost::filesystem::path& path);
int remove_empty_directory(const boost::filesystem::path& path);
// Replaces `to` when it exists (an empty directory too, as POSIX rename does).
int rename_replacing(const boost::filesystem::path& from, const boost::filesystem::path& to);
// Fails with EEXIST or ENOTEMPTY when `to` exists; with EINVAL when the file
// system cannot promise that (the caller then checks and renames itself).
int rename_no_replace(const boost::filesystem::path& from, const boost::filesystem::path& to);
// Swaps two paths in one step; EINVAL where the system cannot.
int exchange_paths(const boost::filesystem::path& first, const boost::filesystem::path& second);

enum class PathType { Missing, File, Directory, Symlink, Other };
// What is at `path` itself (a symlink is not followed). Missing also for a
// parent that is not a directory; -1 with errno for any other failure.
int path_type_of_link(const boost::filesystem::path& path, PathType& type);
// The same, following symlinks.
int path_type_of_target(const boost::filesystem::path& path, PathType& type);
// An id of the file system (volume) `path` is on, following symlinks.
std::optional<std::uintmax_t> device_of(const boost::filesystem::path& path);

// Size, modification time and file id (inode): what changes when an interpreter
// is replaced or upgraded. Follows symlinks.
struct FileIdentity {
    std::uintmax_t size = 0;
    std::int64_t mtime_ns = 0;
    std::uintmax_t inode = 0;
    std::int64_t ctime_ns = 0; // the status change time (POSIX; no call can set it); 0 on Windows
};
std::optional<FileIdentity> file_identity(const boost::filesystem::path& path);
// The same file as before: both known, size, mtime, ctime and inode unchanged.
inline bool same_file(const std::optional<FileIdentity>& now,
                      const std::optional<FileIdentity>& before) {
    return now && before && now->size == before->size && now->mtime_ns == before->mtime_ns &&
           now->ctime_ns == before->ctime_ns && now->inode == before->inode;
}

// What `path` itself (a symlink is not followed) takes on disk, and the file id
// that tells hard links apart.
struct DiskSpace {
    std::uintmax_t allocated_bytes = 0;
    std::uintmax_t device = 0;
    std::uintmax_t inode = 0;
    std::uintmax_t link_count = 1;
    bool is_directory = false;
};
std::optional<DiskSpace> disk_space_of_link(const boost::filesystem::path& path);

// A regular file this user may run (on Windows: a file with an .exe, .com, .bat
// or .cmd extension).
bool is_executable_file(const boost::filesystem::path& path);

// --- Processes and the terminal.

// Replaces this process with `program` (POSIX execve); Windows has no such call:
// there the C runtime starts it and exits with its status. Returns -1 with errno
// only when it cannot start.
int replace_process(const boost::filesystem::path& program, char* const* arguments,
                    char* const* environment);

long current_process_id();
// The processors this process may use: its CPU affinity where the system has
// one (as taskset and container cpusets set it), fewer when a cgroup's CPU
// quota (`docker run --cpus=1`) or, on Windows, its job object's hard CPU cap
// allows fewer; 0 when unknown.
unsigned available_cores();
// A process id as the tool writes it into names: 1 to 9 decimal digits, else
// std::nullopt (a sign, a space, another character, a number too large).
inline std::optional<long> parse_process_id(std::string_view text) {
    if (text.empty() || text.size() > 9 ||
        text.find_first_not_of("0123456789") != std::string_view::npos) {
        return std::nullopt;
    }
    long process_id = 0;
    for (char digit : text) {
        process_id = process_id * 10 + (digit - '0');
    }
    return process_id;
}
// True when a process with this id runs (or exists but is not ours to signal).
bool process_is_alive(long process_id);
// True when the process with this id started after `path` was made, so it cannot
// be the process that made it (the id was used again); false when unknown.
// Windows tells (a process's and a file's creation times); POSIX says unknown.
bool process_started_after(long process_id, const boost::filesystem::path& path);
// The longest symlink target the file system of `folder` keeps in the link's
// inode; a longer one costs a block of its own (4 KiB on ext4, written and
// zeroed: twice the time of a link that fits). On Linux 59 bytes where the
// file system is not known (ext4's); elsewhere, no limit (not known).
std::size_t symlink_target_bytes_in_inode(const boost::filesystem::path& folder);
// When the process with this id started, as text that the same process always
// gives and a later process under the same id does not (Linux: clock ticks from
// boot; Windows: its creation time); std::nullopt when the system cannot tell.
std::optional<std::string> process_start_time(long process_id);
bool standard_error_is_terminal();
// The path of the running program, when the system can tell.
std::optional<std::string> running_executable_path();
// The user's home folder: $HOME on POSIX; %USERPROFILE% on Windows.
std::optional<std::string> home_directory_text();

// Writes to a pipe whose reader has gone (`cppvenv -v create env 2>&1 | head`)
// fail with EPIPE instead of ending the process (POSIX's SIGPIPE): a create is
// never cut short by what reads its messages. A handler that does nothing, not
// SIG_IGN, so the programs cppvenv starts get the default action back (exec
// resets a handled signal; an ignored one would stay ignored, and a shell
// started by `cppvenv run` could not undo it). Nothing to do on Windows.
void survive_closed_pipes();
// Opens /dev/null on each of stdin, stdout and stderr that was closed when
// cppvenv started (`cppvenv -v create env 2>&-`): else the first file cppvenv
// opens would get that number, and a message meant for stderr would be written
// into it (as git and OpenSSH do). Nothing to do on Windows.
void open_closed_standard_streams();

// --- Interrupts: SIGINT, SIGTERM and SIGHUP (Ctrl-C and Ctrl-Break on Windows),
// util/signals_*.cpp. While caught, such a signal only records its number, for
// the program to act on at its next check; one that was ignored when cppvenv
// began (nohup, a background command of a script) stays ignored.
// restore_interrupts() puts back what catch_interrupts() found.
void catch_interrupts();
void restore_interrupts();
// The signal that arrived while caught, or 0.
int received_interrupt();

// --- Shared libraries loaded on first use rather than at start.

// A handle to the shared library `name` (a soname such as "libzip.so.4", or a
// DLL name), or nullptr with `error` describing why it could not be loaded.
void* load_library(const std::string& name, std::string& error);
// The address of `symbol` in a library from load_library, or nullptr.
void* library_symbol(void* library, const char* symbol);

// --- Walking a tree from an open directory (platform_tree_*.cpp): every name is
// looked up inside a directory descriptor, no symlink is ever followed, and a
// delete never leaves the tree it started in. On Windows a descriptor stands for
// a path (there is no fd-relative API in the C runtime).

enum class FinalSymlink { Refuse, Follow };
// A directory's descriptor, or -1 with errno (ELOOP/ENOTDIR for a symlink when
// `final_symlink` is Refuse).
int open_directory(const boost::filesystem::path& path, FinalSymlink final_symlink);
// `name` (one component) inside `directory`; a symlink is refused.
int open_directory_at(int directory, const std::string& name);
// Another descriptor of the open `directory` itself (the same folder, even if
// its path now names another).
int duplicate_directory(int directory);
int close_directory(int directory);

struct EntryIdentity {
    PathType type = PathType::Missing;
    std::uintmax_t device = 0;
    std::uintmax_t inode = 0;
    std::uintmax_t owner = 0; // user id; 0 on Windows
    std::uintmax_t size = 0;
    unsigned mode = 0; // permission bits (07777); 0 on Windows
};
// What `name` inside `directory` is (a symlink is not followed); type Missing
// when it is not there. -1 with errno for other failures. `name` may be a path
// below `directory` whose folders the caller has checked: only its last part
// is never followed.
int identity_at(int directory, const std::string& name, EntryIdentity& identity);
// The open directory itself.
int identity_of(int directory, EntryIdentity& identity);
// The names in `directory`, without "." and "..".
int list_directory(int directory, std::vector<std::string>& names);
// Each of these names one entry of an open folder and never follows a symlink
// at that name (O_NOFOLLOW / AT_SYMLINK_NOFOLLOW).
// `mode` less the umask (no modes on Windows).
int make_directory_at(int directory, const std::string& name, unsigned mode = 0777);
// A new file (O_EXCL: an existing file or symlink is an error), for writing.
int create_file_at(int directory, const std::string& name, unsigned mode);
int open_file_at(int directory, const std::string& name); // for reading; not a symlink
int make_symlink_at(const std::string& link_target, int directory, const std::string& name);
int rename_at(int directory, const std::string& from, const std::string& to); // replaces `to`
// The same from one open directory into another (on the same file system).
int rename_at(int from_directory, const std::string& from, int to_directory, const std::string& to);
int remove_file_at(int directory, const std::string& name);      // a file or a symlink
int remove_directory_at(int directory, const std::string& name); // an empty folder
int path_type_at(int directory, const std::string& name, PathType& type);
// Up to `limit` bytes of the regular file `name` in `directory` (a symlink is
// refused with ELOOP).
int read_file_at(int directory, const std::string& name, std::size_t limit, std::string& contents);
// Deletes `name` inside `directory` and, for a directory, everything in it: a
// symlink is unlinked, never followed; a folder on another device (a mount
// inside the tree) is not entered (EXDEV). Missing counts as done. On failure
// it still deletes what it can, and returns -1 with the first errno.
int remove_tree_at(int directory, const std::string& name);
// The user this process runs as (0 on Windows).
std::uintmax_t current_user_id();

// --- Filling a new file from part of another (the wheel cache's packs).
// Makes the open, empty file `destination` share the `length` bytes of `source`
// at `offset` (the FICLONERANGE ioctl: a reflink on Btrfs, XFS, …). `offset`
// must be a multiple of the file system's block size, and so must `length`
// unless the range ends at the end of `source`; the caller truncates the
// copy to the size it wants. -1 with errno where the file system cannot
// (EOPNOTSUPP, EINVAL, EXDEV, ENOTTY; always ENOTSUP on Windows).
int clone_range(int source, std::uint64_t offset, std::uint64_t length, int destination);
// The same for the whole of `source` (FICLONE): every block shared, the last too.
int clone_file(int source, int destination);
// Whether a file made in `directory` can share the first `length` bytes of
// `source` (a clone into an unnamed temporary file, gone when closed); false
// where the file system or the platform cannot.
bool can_clone_into(int source, std::uint64_t length, int directory);
// How copy_range moves bytes: in the kernel within a file system
// (copy_file_range), in the kernel between file systems (sendfile: the cache on
// the home's file system, the venv on a tmpfs), or through a buffer. A way the
// kernel refuses is not tried again by the next calls given the same CopyWay.
enum class CopyWay { FileRange, Sendfile, Buffer };
// Appends the `length` bytes of `source` at `offset` to `destination` (its
// current offset), the first way of `way` on that the kernel allows. -1 with
// errno; ENODATA when `source` ends before the range does.
int copy_range(int source, std::uint64_t offset, std::uint64_t length, int destination,
               CopyWay& way);
// Cuts (or extends with zeros) the open file to `size` bytes; -1 with errno.
int set_file_size(int descriptor, std::uint64_t size);
// A new hard link `to` in `to_directory` to the file `from` in `from_directory`
// (a symlink at `from` is linked, never followed). EXDEV across file systems,
// EMLINK at the link limit; ENOTSUP on Windows.
int link_file_at(int from_directory, const std::string& from, int to_directory,
                 const std::string& to);
// Sets the permission bits of an open directory (nothing on Windows).
int set_directory_mode(int directory, unsigned mode);

// Owns a descriptor from open_directory(_at); -1 when it failed.
class OpenDirectory {
public:
    explicit OpenDirectory(int descriptor = -1) : descriptor_(descriptor) {}
    OpenDirectory(const OpenDirectory&) = delete;
    OpenDirectory& operator=(const OpenDirectory&) = delete;
    OpenDirectory(OpenDirectory&& other) noexcept : descriptor_(other.descriptor_) {
        other.descriptor_ = -1;
    }
    OpenDirectory& operator=(OpenDirectory&& other) noexcept {
        if (this != &other) {
            if (descriptor_ >= 0) {
                close_directory(descriptor_);
            }
            descriptor_ = other.descriptor_;
            other.descriptor_ = -1;
        }
        return *this;
    }
    ~OpenDirectory() {
        if (descriptor_ >= 0) {
            close_directory(descriptor_);
        }
    }
    int get() const { return descriptor_; }
    explicit operator bool() const { return descriptor_ >= 0; }

private:
    int descriptor_;
};

// --- An advisory lock on a directory, held until the object is destroyed.
// POSIX: flock on the directory. Windows has no lock on a directory that still
// lets it be deleted: there the lock holds nothing and try_lock always succeeds
// (callers also check that the owning process is gone).
class DirectoryLock {
public:
    DirectoryLock() = default;
    DirectoryLock(const DirectoryLock&) = delete;
    DirectoryLock& operator=(const DirectoryLock&) = delete;
    ~DirectoryLock();

    // Waits for the lock; false when the directory cannot be opened.
    bool lock(const boost::filesystem::path& directory);
    // Takes the lock only if nobody holds it; a symlink is never followed.
    bool try_lock(const boost::filesystem::path& directory);

private:
    int descriptor_ = -1;
};

} // namespace cppvenv::platform
