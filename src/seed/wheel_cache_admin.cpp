// `cppvenv cache info` and `cppvenv cache clean`.
#include "seed/wheel_cache.hpp"
#include "seed/wheel_cache_folders.hpp"
#include "util/disk_usage.hpp"
#include "util/error.hpp"
#include "util/file_system.hpp"

#include <fmt/format.h>

namespace cppvenv {
namespace fs = boost::filesystem;
using namespace wheel_cache_folders;

WheelCacheSummary summarize_cache(const fs::path& root) {
    WheelCacheSummary summary;
    summary.root = root;
    platform::PathType type = platform::PathType::Missing;
    if (platform::path_type_of_target(root, type) != 0 || type != platform::PathType::Directory) {
        return summary;
    }
    summary.exists = true;
    TreeWriter reader(root);
    for (const char* folder : {wheels_folder, earlier_wheels_folder, interpreters_folder}) {
        for (const std::string& name : reader.list_folder(folder)) {
            if (folder == wheels_folder && is_sha256_hex(name)) {
                ++summary.wheel_entries;
            } else {
                ++summary.other_entries;
            }
        }
    }
    summary.bytes = disk_usage(root);
    return summary;
}

std::size_t clean_cache(const fs::path& root) {
    platform::PathType type = platform::PathType::Missing;
    if (platform::path_type_of_link(root, type) != 0 || type == platform::PathType::Missing) {
        return 0;
    }
    if (type == platform::PathType::Symlink) {
        throw Error(fmt::format("refusing to clean the cache {}: it is a symlink; clean the "
                                "folder it points to instead",
                                root.string()));
    }
    platform::OpenDirectory top(platform::open_directory(root, platform::FinalSymlink::Refuse));
    platform::EntryIdentity identity;
    if (!top || platform::identity_of(top.get(), identity) != 0 ||
        identity.type != platform::PathType::Directory ||
        identity.owner != platform::current_user_id()) {
        throw Error(fmt::format("refusing to clean the cache {}: it is not a folder of yours",
                                root.string()));
    }
    // The folder just checked, by its descriptor: its path, opened again, could
    // now lead elsewhere through a folder on the way.
    const int checked = platform::duplicate_directory(top.get());
    if (checked < 0) {
        throw_system_error("cannot open the cache", root);
    }
    TreeWriter writer(TreeWriter::OpenRoot{checked, root});
    platform::DirectoryLock lock; // no create unpacks meanwhile
    if (writer.type_of(wheels_folder) == platform::PathType::Directory) {
        if (!lock.lock(root / wheels_folder)) {
            throw_system_error("cannot lock the wheel cache", root / wheels_folder);
        }
    }
    std::size_t removed = 0;
    for (const char* folder : {wheels_folder, earlier_wheels_folder, interpreters_folder}) {
        if (writer.type_of(folder) != platform::PathType::Directory) {
            continue;
        }
        for (const std::string& name : writer.list_folder(folder)) {
            const std::string relative = std::string(folder) + "/" + name;
            const bool recognised =
                folder != interpreters_folder
                    ? is_sha256_hex(name) || name == digests_folder ||
                          starts_with(name, temporary_prefix) || starts_with(name, damaged_prefix)
                    : name.size() > 5 && name.compare(name.size() - 5, 5, ".json") == 0;
            if (!recognised) {
                continue; // not ours: left alone
            }
            make_tree_writable(writer, relative);
            if (!writer.remove_tree(relative)) {
                throw_system_error("cannot remove", writer.shown_path(relative));
            }
            ++removed;
        }
        writer.remove_empty_folder(folder);
    }
    return removed;
}

} // namespace cppvenv
