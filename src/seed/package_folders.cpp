// Which package folders symlink mode links whole, and which pip can remove them.
#include "seed/package_folders.hpp"

#include "seed/wheel_cache.hpp"
#include "util/error.hpp"
#include "util/output.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <string_view>

namespace cppvenv {

std::vector<LinkedFolder> take_linkable_folders(WheelContents& contents) {
    const std::string root = contents.root_dir + "/";
    // Each top-level folder of the root, and whether all its files allow one link.
    std::map<std::string, bool, std::less<>> linkable;
    for (const WheelFile& file : contents.files) {
        if (!starts_with(file.destination, root)) {
            continue;
        }
        const std::string_view below = std::string_view(file.destination).substr(root.size());
        const std::string_view::size_type slash = below.find('/');
        if (slash == std::string_view::npos) {
            continue; // a module or .pth file of the root: linked as a file
        }
        const std::string_view folder = below.substr(0, slash);
        auto [it, added] = linkable.try_emplace(std::string(folder), true);
        if (file.is_script || file.member->name != below || folder == contents.dist_info_dir ||
            folder == "__pycache__") {
            it->second = false;
        }
    }
    std::vector<LinkedFolder> folders;
    for (const auto& [folder, whole] : linkable) {
        if (whole) {
            folders.push_back({root + folder, folder, ""});
        }
    }
    if (folders.empty()) {
        return folders;
    }
    const auto inside_linked = [&](const WheelFile& file) {
        if (!starts_with(file.destination, root)) {
            return false;
        }
        const std::string_view below = std::string_view(file.destination).substr(root.size());
        const std::string_view::size_type slash = below.find('/');
        if (slash == std::string_view::npos) {
            return false;
        }
        const auto it = linkable.find(below.substr(0, slash));
        return it != linkable.end() && it->second;
    };
    contents.files.erase(
        std::remove_if(contents.files.begin(), contents.files.end(), inside_linked),
        contents.files.end());
    return folders;
}

bool pip_removes_folder_links(const WheelSource& pip_wheel) {
    const ArchiveMember* misc = pip_wheel.find("pip/_internal/utils/misc.py");
    if (misc == nullptr) {
        return false;
    }
    const std::string text = pip_wheel.read_all(*misc);
    const std::string::size_type start = text.find("\ndef is_local(");
    if (start == std::string::npos) {
        return false;
    }
    // The function's body: up to the next line that starts a top-level statement.
    std::string::size_type end = start + 1;
    do {
        end = text.find('\n', end + 1);
    } while (end != std::string::npos && end + 1 < text.size() &&
             (text[end + 1] == ' ' || text[end + 1] == '\n' || text[end + 1] == '\t'));
    const std::string_view body = std::string_view(text).substr(
        start, end == std::string::npos ? std::string::npos : end - start);
    return body.find("normalize_path(path)") == std::string_view::npos;
}

bool seeded_pip_removes_folder_links(const std::vector<BundledWheel>& wheels, WheelCache& cache) {
    const auto pip = std::find_if(wheels.begin(), wheels.end(),
                                  [](const BundledWheel& wheel) { return wheel.project == "pip"; });
    if (pip == wheels.end()) {
        return false;
    }
    try {
        const UnpackedWheel entry =
            cache.entry_for(pip->path, cache.wheel_sha256(pip->path), MemberFiles::NotNeeded);
        if (pip_removes_folder_links(entry)) {
            return true;
        }
        print_verbose(fmt::format("the pip of {} resolves symlinks before it uninstalls (a "
                                  "distribution's patch); linking package files one by one",
                                  pip->path));
    } catch (const Error&) {
        // Said again, when it matters, by the install itself.
    }
    return false;
}

} // namespace cppvenv
