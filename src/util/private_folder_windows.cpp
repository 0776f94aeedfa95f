// A folder that no other user can change (Windows: ACLs are not read, so the
// folder is opened as named; the wheel cache, which needs more, is not used there).
#ifdef _WIN32

#include "util/private_folder.hpp"

#include <boost/filesystem/operations.hpp>
#include <cerrno>
#include <cstring>
#include <fmt/format.h>

namespace cppvenv {
namespace fs = boost::filesystem;

std::optional<PrivateFolder> open_private_folder(const fs::path& path, std::string& problem) {
    boost::system::error_code error;
    fs::create_directories(path, error);
    platform::OpenDirectory folder(platform::open_directory(path, platform::FinalSymlink::Follow));
    if (!folder) {
        problem = fmt::format("cannot open {}: {}", path.string(), std::strerror(errno));
        return std::nullopt;
    }
    return PrivateFolder{std::move(folder), path, {}};
}

} // namespace cppvenv

#endif // _WIN32
