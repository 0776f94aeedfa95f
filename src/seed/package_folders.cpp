// Which package folders symlink mode links whole, and which pip can remove them.
#include "seed/package_folders.hpp"

#include "seed/wheel_cache.hpp"
#include "util/error.hpp"
#include "util/output.hpp"
#include "util/platform.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <string_view>

namespace cppvenv {

namespace {

// The folder `file` would be linked through: "pip/_internal" for a file below
// root/pip/_internal/; empty for a file of the root or of a package folder
// itself (pip/__init__.py), which is linked alone.
std::string_view linking_folder(const WheelFile& file, const std::string& root) {
    if (!starts_with(file.destination, root)) {
        return {};
    }
    const std::string_view below = std::string_view(file.destination).substr(root.size());
    const std::string_view::size_type first = below.find('/');
    const std::string_view::size_type second =
        first == std::string_view::npos ? first : below.find('/', first + 1);
    return second == std::string_view::npos ? std::string_view() : below.substr(0, second);
}

} // namespace

std::vector<LinkedFolder> take_linkable_folders(WheelContents& contents) {
    const std::string root = contents.root_dir + "/";
    // Each folder a level below a package folder, and whether all its files allow one link.
    std::map<std::string, bool, std::less<>> linkable;
    for (const WheelFile& file : contents.files) {
        const std::string_view folder = linking_folder(file, root);
        if (folder.empty()) {
            continue;
        }
        const std::string_view package = folder.substr(0, folder.find('/'));
        const std::string_view below = std::string_view(file.destination).substr(root.size());
        auto [it, added] = linkable.try_emplace(std::string(folder), true);
        if (file.is_script || file.member->name != below || package == contents.dist_info_dir ||
            package == "__pycache__" || folder.substr(package.size() + 1) == "__pycache__") {
            it->second = false;
        }
    }
    std::vector<LinkedFolder> folders;
    for (const auto& [folder, whole] : linkable) {
        if (whole) {
            folders.push_back({root + folder, folder, ""});
        }
    }
    const auto inside_linked = [&](const WheelFile& file) {
        const auto it = linkable.find(linking_folder(file, root));
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

bool may_link_package_folders(const std::vector<BundledWheel>& wheels,
                              const std::vector<std::string>& sha256s, const SeedLayout& layout,
                              WheelCache& cache) {
    if (layout.link_mode != PackageLinkMode::Symlink || !layout.bytecode_compiler ||
        layout.write_mode != WriteMode::NewFiles) {
        return false;
    }
    if (platform::current_user_id() == 0) {
        print_verbose("as root, whom read-only files do not stop, a tool writing into a linked "
                      "folder would write into the cache: linking package files one by one");
        return false;
    }
    const auto pip = std::find_if(wheels.begin(), wheels.end(),
                                  [](const BundledWheel& wheel) { return wheel.project == "pip"; });
    if (pip == wheels.end()) {
        print_verbose("no pip is seeded, so the one that will manage the venv is unknown: linking "
                      "package files one by one");
        return false;
    }
    try {
        UnpackedWheel entry =
            cache.entry_for(pip->path, sha256s[pip - wheels.begin()], MemberFiles::NotNeeded);
        if (pip_removes_folder_links(entry)) {
            cache.keep(std::move(entry)); // pip's install opens it next
            return true;
        }
        print_verbose(fmt::format("the pip of {} resolves symlinks before it decides what to "
                                  "uninstall; linking package files one by one",
                                  pip->path));
    } catch (const Error&) {
        // Said again, when it matters, by the install itself.
    }
    return false;
}

} // namespace cppvenv
