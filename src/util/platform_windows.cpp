// The Windows side of util/platform.hpp: Win32 calls with wide-character paths,
// and the C runtime's descriptors for file contents. Win32 errors are turned
// into the nearest errno value so that callers report them like POSIX ones.
#ifdef _WIN32

#include "util/platform.hpp"
#include "util/windows_command_line.hpp"

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <io.h>
#include <process.h>
#include <sys/stat.h>
#include <windows.h>

namespace cppvenv::platform {
namespace fs = boost::filesystem;

namespace {

int errno_of(DWORD error) {
    switch (error) {
    case ERROR_FILE_NOT_FOUND:
    case ERROR_PATH_NOT_FOUND:
    case ERROR_INVALID_DRIVE:
        return ENOENT;
    case ERROR_ACCESS_DENIED:
    case ERROR_SHARING_VIOLATION:
    case ERROR_LOCK_VIOLATION:
        return EACCES;
    case ERROR_FILE_EXISTS:
    case ERROR_ALREADY_EXISTS:
        return EEXIST;
    case ERROR_DIR_NOT_EMPTY:
        return ENOTEMPTY;
    case ERROR_NOT_SAME_DEVICE:
        return EXDEV;
    case ERROR_PRIVILEGE_NOT_HELD:
        return EPERM;
    case ERROR_DISK_FULL:
        return ENOSPC;
    case ERROR_FILENAME_EXCED_RANGE:
        return ENAMETOOLONG;
    default:
        return EIO;
    }
}

int fail_with_last_error() {
    errno = errno_of(::GetLastError());
    return -1;
}

// Attributes of `path` itself; INVALID_FILE_ATTRIBUTES when it cannot be read.
DWORD attributes_of(const fs::path& path) {
    return ::GetFileAttributesW(path.c_str());
}

// Opens `path` (following links) just to ask about it.
HANDLE open_for_query(const fs::path& path) {
    return ::CreateFileW(path.c_str(), 0, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                         nullptr, OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, nullptr);
}

bool file_information(const fs::path& path, BY_HANDLE_FILE_INFORMATION& information) {
    HANDLE handle = open_for_query(path);
    if (handle == INVALID_HANDLE_VALUE) {
        return false;
    }
    const bool ok = ::GetFileInformationByHandle(handle, &information) != 0;
    ::CloseHandle(handle);
    return ok;
}

std::string narrow(const std::wstring& wide) {
    if (wide.empty()) {
        return {};
    }
    const int size = ::WideCharToMultiByte(CP_UTF8, 0, wide.data(), static_cast<int>(wide.size()),
                                           nullptr, 0, nullptr, nullptr);
    std::string text(static_cast<std::size_t>(size), '\0');
    ::WideCharToMultiByte(CP_UTF8, 0, wide.data(), static_cast<int>(wide.size()), text.data(), size,
                          nullptr, nullptr);
    return text;
}

} // namespace

int create_new_file(const fs::path& path, unsigned) {
    return ::_wopen(path.c_str(), _O_WRONLY | _O_CREAT | _O_EXCL | _O_BINARY | _O_NOINHERIT,
                    _S_IREAD | _S_IWRITE);
}

int open_for_reading(const fs::path& path) {
    return ::_wopen(path.c_str(), _O_RDONLY | _O_BINARY | _O_NOINHERIT);
}

long write_to(int descriptor, const char* data, std::size_t size) {
    const unsigned chunk = size > 0x40000000u ? 0x40000000u : static_cast<unsigned>(size);
    return ::_write(descriptor, data, chunk);
}

long read_from(int descriptor, char* buffer, std::size_t size) {
    const unsigned chunk = size > 0x40000000u ? 0x40000000u : static_cast<unsigned>(size);
    return ::_read(descriptor, buffer, chunk);
}

long read_at(int descriptor, std::uint64_t offset, char* buffer, std::size_t size) {
    if (::_lseeki64(descriptor, static_cast<__int64>(offset), SEEK_SET) < 0) {
        return -1;
    }
    return read_from(descriptor, buffer, size);
}

int close_file(int descriptor) {
    return ::_close(descriptor);
}

int make_directory(const fs::path& path) {
    return ::CreateDirectoryW(path.c_str(), nullptr) ? 0 : fail_with_last_error();
}

int make_symlink(const std::string& link_target, const fs::path& path) {
    // Developer Mode allows links without elevation; otherwise this fails with
    // EPERM and the caller says so.
    const fs::path target(link_target);
    const fs::path resolved = target.is_absolute() ? target : path.parent_path() / target;
    DWORD flags = SYMBOLIC_LINK_FLAG_ALLOW_UNPRIVILEGED_CREATE;
    const DWORD attributes = attributes_of(resolved);
    if (attributes != INVALID_FILE_ATTRIBUTES && (attributes & FILE_ATTRIBUTE_DIRECTORY)) {
        flags |= SYMBOLIC_LINK_FLAG_DIRECTORY;
    }
    return ::CreateSymbolicLinkW(path.c_str(), target.c_str(), flags) ? 0 : fail_with_last_error();
}

int remove_file(const fs::path& path) {
    return ::DeleteFileW(path.c_str()) ? 0 : fail_with_last_error();
}

int remove_empty_directory(const fs::path& path) {
    return ::RemoveDirectoryW(path.c_str()) ? 0 : fail_with_last_error();
}

int rename_replacing(const fs::path& from, const fs::path& to) {
    return ::MoveFileExW(from.c_str(), to.c_str(), MOVEFILE_REPLACE_EXISTING)
               ? 0
               : fail_with_last_error();
}

int rename_no_replace(const fs::path& from, const fs::path& to) {
    // Without MOVEFILE_REPLACE_EXISTING, MoveFileEx never replaces anything.
    return ::MoveFileExW(from.c_str(), to.c_str(), 0) ? 0 : fail_with_last_error();
}

int exchange_paths(const fs::path&, const fs::path&) {
    errno = EINVAL;
    return -1;
}

namespace {

// After a failed look-up: a path that is not there is PathType::Missing (0),
// anything else an error (-1, errno set).
int missing_or_failed(PathType& type) {
    const DWORD error = ::GetLastError();
    if (error == ERROR_FILE_NOT_FOUND || error == ERROR_PATH_NOT_FOUND) {
        type = PathType::Missing;
        return 0;
    }
    errno = errno_of(error);
    return -1;
}

} // namespace

int path_type_of_link(const fs::path& path, PathType& type) {
    const DWORD attributes = attributes_of(path);
    if (attributes == INVALID_FILE_ATTRIBUTES) {
        return missing_or_failed(type);
    }
    if (attributes & FILE_ATTRIBUTE_REPARSE_POINT) {
        type = PathType::Symlink;
    } else {
        type = (attributes & FILE_ATTRIBUTE_DIRECTORY) ? PathType::Directory : PathType::File;
    }
    return 0;
}

int path_type_of_target(const fs::path& path, PathType& type) {
    BY_HANDLE_FILE_INFORMATION information{};
    if (!file_information(path, information)) {
        return missing_or_failed(type);
    }
    type = (information.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) ? PathType::Directory
                                                                     : PathType::File;
    return 0;
}

std::optional<std::uintmax_t> device_of(const fs::path& path) {
    BY_HANDLE_FILE_INFORMATION information{};
    if (!file_information(path, information)) {
        return std::nullopt;
    }
    return information.dwVolumeSerialNumber;
}

std::optional<FileIdentity> file_identity(const fs::path& path) {
    BY_HANDLE_FILE_INFORMATION information{};
    if (!file_information(path, information)) {
        return std::nullopt;
    }
    FileIdentity identity;
    identity.size =
        (static_cast<std::uintmax_t>(information.nFileSizeHigh) << 32) | information.nFileSizeLow;
    // FILETIME counts 100 ns steps since 1601; the cache only compares values.
    const std::int64_t ticks = static_cast<std::int64_t>(
        (static_cast<std::uint64_t>(information.ftLastWriteTime.dwHighDateTime) << 32) |
        information.ftLastWriteTime.dwLowDateTime);
    identity.mtime_ns = ticks * 100;
    identity.inode =
        (static_cast<std::uintmax_t>(information.nFileIndexHigh) << 32) | information.nFileIndexLow;
    return identity;
}

std::optional<DiskSpace> disk_space_of_link(const fs::path& path) {
    HANDLE handle = ::CreateFileW(
        path.c_str(), 0, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, nullptr,
        OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS | FILE_FLAG_OPEN_REPARSE_POINT, nullptr);
    if (handle == INVALID_HANDLE_VALUE) {
        return std::nullopt;
    }
    BY_HANDLE_FILE_INFORMATION information{};
    const bool ok = ::GetFileInformationByHandle(handle, &information) != 0;
    ::CloseHandle(handle);
    if (!ok) {
        return std::nullopt;
    }
    DiskSpace space;
    // The file's size rounded up to 4 KiB clusters, the NTFS default.
    const std::uintmax_t size =
        (static_cast<std::uintmax_t>(information.nFileSizeHigh) << 32) | information.nFileSizeLow;
    space.allocated_bytes = (size + 4095) / 4096 * 4096;
    space.device = information.dwVolumeSerialNumber;
    space.inode =
        (static_cast<std::uintmax_t>(information.nFileIndexHigh) << 32) | information.nFileIndexLow;
    space.link_count = information.nNumberOfLinks;
    space.is_directory = (information.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) != 0;
    return space;
}

bool is_executable_file(const fs::path& path) {
    PathType type = PathType::Missing;
    if (path_type_of_target(path, type) != 0 || type != PathType::File) {
        return false;
    }
    std::wstring extension = path.extension().wstring();
    for (wchar_t& c : extension) {
        c = static_cast<wchar_t>(::towlower(c));
    }
    return extension == L".exe" || extension == L".com" || extension == L".bat" ||
           extension == L".cmd";
}

int replace_process(const fs::path& program, char* const* arguments, char* const* environment) {
    const std::string name = narrow(program.wstring());
    // _spawnve joins the arguments with spaces: each is quoted so that the
    // child's C runtime splits them back as they were.
    std::vector<std::string> words;
    for (char* const* argument = arguments; *argument != nullptr; ++argument) {
        words.push_back(quote_windows_argument(*argument));
    }
    std::vector<const char*> quoted;
    for (const std::string& word : words) {
        quoted.push_back(word.c_str());
    }
    quoted.push_back(nullptr);
    const intptr_t status = ::_spawnve(_P_WAIT, name.c_str(), quoted.data(), environment);
    if (status == -1) {
        return -1;
    }
    std::exit(static_cast<int>(status));
}

long current_process_id() {
    return static_cast<long>(::GetCurrentProcessId());
}

bool process_is_alive(long process_id) {
    if (process_id <= 0) {
        return false;
    }
    HANDLE process =
        ::OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, FALSE, static_cast<DWORD>(process_id));
    if (process == nullptr) {
        // Access denied means it exists but belongs to someone else.
        return ::GetLastError() == ERROR_ACCESS_DENIED;
    }
    DWORD exit_code = 0;
    const bool alive = ::GetExitCodeProcess(process, &exit_code) && exit_code == STILL_ACTIVE;
    ::CloseHandle(process);
    return alive;
}

bool process_started_after(long process_id, const fs::path& path) {
    WIN32_FILE_ATTRIBUTE_DATA file{};
    if (process_id <= 0 ||
        !::GetFileAttributesExW(path.wstring().c_str(), GetFileExInfoStandard, &file)) {
        return false;
    }
    HANDLE process =
        ::OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, FALSE, static_cast<DWORD>(process_id));
    if (process == nullptr) {
        return false;
    }
    FILETIME created{}, exited{}, kernel{}, user{};
    const bool known = ::GetProcessTimes(process, &created, &exited, &kernel, &user) != 0;
    ::CloseHandle(process);
    return known && ::CompareFileTime(&created, &file.ftCreationTime) > 0;
}

std::size_t symlink_target_bytes_in_inode(const fs::path&) {
    return static_cast<std::size_t>(-1); // NTFS keeps a reparse point's data in the MFT record
}

std::optional<std::string> process_start_time(long process_id) {
    HANDLE process = process_id <= 0 ? nullptr
                                     : ::OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, FALSE,
                                                     static_cast<DWORD>(process_id));
    if (process == nullptr) {
        return std::nullopt;
    }
    FILETIME created{}, exited{}, kernel{}, user{};
    const bool known = ::GetProcessTimes(process, &created, &exited, &kernel, &user) != 0;
    ::CloseHandle(process);
    if (!known) {
        return std::nullopt;
    }
    // 100 ns ticks since 1601, as Windows counts them.
    return std::to_string((static_cast<unsigned long long>(created.dwHighDateTime) << 32) |
                          created.dwLowDateTime);
}

bool standard_error_is_terminal() {
    return ::_isatty(::_fileno(stderr)) != 0;
}

std::optional<std::string> running_executable_path() {
    std::wstring buffer(32768, L'\0');
    const DWORD length =
        ::GetModuleFileNameW(nullptr, buffer.data(), static_cast<DWORD>(buffer.size()));
    if (length == 0 || length >= buffer.size()) {
        return std::nullopt;
    }
    buffer.resize(length);
    return narrow(buffer);
}

std::optional<std::string> home_directory_text() {
    const wchar_t* home = ::_wgetenv(L"USERPROFILE");
    if (home == nullptr) {
        return std::nullopt;
    }
    return narrow(home);
}

void open_closed_standard_streams() {}

DirectoryLock::~DirectoryLock() = default;

bool DirectoryLock::lock(const fs::path& directory) {
    return attributes_of(directory) != INVALID_FILE_ATTRIBUTES;
}

bool DirectoryLock::try_lock(const fs::path& directory) {
    const DWORD attributes = attributes_of(directory);
    return attributes != INVALID_FILE_ATTRIBUTES && !(attributes & FILE_ATTRIBUTE_REPARSE_POINT);
}

void* load_library(const std::string& name, std::string& error) {
    HMODULE library = LoadLibraryA(name.c_str());
    if (library == nullptr) {
        error = "Windows error " + std::to_string(GetLastError());
    }
    return reinterpret_cast<void*>(library);
}

void* library_symbol(void* library, const char* symbol) {
    return reinterpret_cast<void*>(GetProcAddress(static_cast<HMODULE>(library), symbol));
}

} // namespace cppvenv::platform

#endif // _WIN32
