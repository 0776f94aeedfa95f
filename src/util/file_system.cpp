// Small path and file helpers (absolute paths, reading files, write_all).
#include "util/file_system.hpp"

#include "util/error.hpp"
#include "util/platform.hpp"

#include <boost/filesystem/operations.hpp>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fmt/format.h>
#include <fstream>
#include <sstream>
#include <vector>

namespace cppvenv {
namespace fs = boost::filesystem;

void throw_system_error(const std::string& what, const fs::path& path) {
    throw Error(fmt::format("{} {}: {}", what, path.string(), std::strerror(errno)));
}

bool write_whole(int fd, std::string_view data) {
    while (!data.empty()) {
        const long written = platform::write_to(fd, data.data(), data.size());
        if (written < 0) {
            if (errno == EINTR) {
                continue;
            }
            return false;
        }
        data.remove_prefix(static_cast<std::size_t>(written));
    }
    return true;
}

void write_all(int fd, std::string_view data, const fs::path& path) {
    if (!write_whole(fd, data)) {
        throw_system_error("cannot write", path);
    }
}

std::optional<std::string> read_file(const fs::path& path) {
    std::ifstream in(path.string(), std::ios::binary);
    if (!in) {
        return std::nullopt;
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad()) {
        return std::nullopt;
    }
    return buffer.str();
}

bool is_executable_file(const fs::path& path) {
    return platform::is_executable_file(path);
}

fs::path current_directory() {
    boost::system::error_code error;
    fs::path current = fs::current_path(error);
    if (error) {
        throw Error("cannot read the current folder (was it deleted?): " + error.message());
    }
    return current;
}

std::optional<std::vector<std::string>> fold_slash_path(std::string_view path, AboveTop above_top) {
    std::vector<std::string> parts;
    std::string_view::size_type start = 0;
    while (start <= path.size()) {
        const std::string_view::size_type end = std::min(path.find('/', start), path.size());
        const std::string_view part = path.substr(start, end - start);
        if (part == "..") {
            if (parts.empty() && above_top == AboveTop::Refuse) {
                return std::nullopt;
            }
            if (!parts.empty()) {
                parts.pop_back();
            }
        } else if (!part.empty() && part != ".") {
            parts.emplace_back(part);
        }
        start = end + 1;
    }
    return parts;
}

fs::path absolute_path(const fs::path& path) {
#ifdef _WIN32
    // Drive letters, UNC prefixes and both separators: Boost knows them there.
    return fs::absolute(path, current_directory()).lexically_normal().make_preferred();
#endif
    // Like Python's os.path.abspath: lexical, symlinks are not resolved. Written out
    // because Boost's lexically_normal() keeps a trailing "." for "dir/".
    std::string text =
        (path.is_absolute() ? path : fs::absolute(path, current_directory())).string();
    const std::vector<std::string> parts = *fold_slash_path(text, AboveTop::StayAtTop);
    std::string result;
    for (const std::string& part : parts) {
        result += "/" + part;
    }
    return fs::path(result.empty() ? "/" : result);
}

std::optional<std::string> environment_variable(const char* name) {
    const char* value = std::getenv(name);
    if (value == nullptr) {
        return std::nullopt;
    }
    return std::string(value);
}

fs::path home_directory() {
    return fs::path(platform::home_directory_text().value_or(""));
}

} // namespace cppvenv
