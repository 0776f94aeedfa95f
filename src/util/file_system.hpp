#pragma once
// Small path and file helpers (absolute paths, reading files, write_all).

#include <boost/filesystem/path.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cppvenv {

// Throws Error("WHAT PATH: strerror(errno)") for the current errno.
[[noreturn]] void throw_system_error(const std::string& what, const boost::filesystem::path& path);

// Writes all of `data` to the descriptor `fd` (retrying after EINTR and short
// writes); false, with errno, on failure.
bool write_whole(int fd, std::string_view data);
// The same, throwing Error naming `path` on failure.
void write_all(int fd, std::string_view data, const boost::filesystem::path& path);

// Reads a whole file; std::nullopt when it cannot be read.
std::optional<std::string> read_file(const boost::filesystem::path& path);

bool is_executable_file(const boost::filesystem::path& path);

// The current folder. Throws Error when it cannot be read (it was deleted, or a
// parent is not searchable) instead of Boost's filesystem_error.
boost::filesystem::path current_directory();

// `path` made absolute against the current folder, with "." and ".." folded.
boost::filesystem::path absolute_path(const boost::filesystem::path& path);

enum class AboveTop {
    Refuse,    // a ".." above the first part: std::nullopt
    StayAtTop, // a ".." above the first part is dropped, as "/.." is "/"
};

// The parts of a '/'-separated path, lexically: empty and "." parts dropped,
// each ".." removing the part before it.
std::optional<std::vector<std::string>> fold_slash_path(std::string_view path, AboveTop above_top);

// Environment variable, std::nullopt when unset.
std::optional<std::string> environment_variable(const char* name);

// The user's home folder ($HOME), or empty.
boost::filesystem::path home_directory();

} // namespace cppvenv
