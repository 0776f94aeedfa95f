// How much disk a folder takes (see disk_usage.hpp).
#include "util/disk_usage.hpp"

#include "util/platform.hpp"

#include <boost/filesystem/directory.hpp>
#include <boost/filesystem/operations.hpp>
#include <cstdint>
#include <optional>
#include <set>
#include <utility>

namespace cppvenv {
namespace fs = boost::filesystem;

unsigned long long disk_usage(const fs::path& root) {
    unsigned long long total = 0;
    std::set<std::pair<std::uintmax_t, std::uintmax_t>> counted_links;
    auto add = [&](const fs::path& path) {
        const std::optional<platform::DiskSpace> info = platform::disk_space_of_link(path);
        if (!info) {
            return;
        }
        if (info->link_count > 1 && !info->is_directory &&
            !counted_links.insert({info->device, info->inode}).second) {
            return; // another name of a file already counted
        }
        total += static_cast<unsigned long long>(info->allocated_bytes);
    };
    add(root);
    boost::system::error_code error;
    for (fs::recursive_directory_iterator
             it(root, fs::directory_options::skip_permission_denied, error),
         end;
         !error && it != end; it.increment(error)) {
        add(it->path());
    }
    return total;
}

} // namespace cppvenv
