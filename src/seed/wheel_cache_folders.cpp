// The wheel cache's folder names and read-only walks.
#include "seed/wheel_cache_folders.hpp"

#include <atomic>
#include <fmt/format.h>

namespace cppvenv::wheel_cache_folders {

std::string unique_name(const char* prefix) {
    static std::atomic<unsigned> counter{0};
    return fmt::format("{}{}-{}", prefix, platform::current_process_id(), counter++);
}

bool starts_with(const std::string& text, const char* prefix) {
    return text.rfind(prefix, 0) == 0;
}

bool is_sha256_hex(const std::string& name) {
    return name.size() == 64 && name.find_first_not_of("0123456789abcdef") == std::string::npos;
}

void make_tree_writable(TreeWriter& writer, const std::string& relative) {
    if (writer.type_of(relative) != platform::PathType::Directory) {
        return;
    }
    writer.set_folder_mode(relative, 0700);
    for (const std::string& name : writer.list_folder(relative)) {
        make_tree_writable(writer, relative + "/" + name);
    }
}

void make_tree_read_only(TreeWriter& writer, const std::string& relative) {
    for (const std::string& name : writer.list_folder(relative)) {
        if (writer.type_of(relative + "/" + name) == platform::PathType::Directory) {
            make_tree_read_only(writer, relative + "/" + name);
        }
    }
    writer.set_folder_mode(relative, 0555);
}

} // namespace cppvenv::wheel_cache_folders
