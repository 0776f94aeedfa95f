// Puts a package file from the cache of unpacked wheels into a venv.
#include "seed/package_linking.hpp"

#include "util/error.hpp"
#include "util/file_system.hpp"
#include "util/output.hpp"
#include "util/text.hpp"

#include <cerrno>
#include <cstring>
#include <fmt/format.h>
#include <map>
#include <memory>
#include <string>
#include <utility>

namespace cppvenv {
namespace fs = boost::filesystem;

namespace {

constexpr unsigned file_mode = 0644;
constexpr unsigned executable_mode = 0755;

} // namespace

const char* package_link_mode_name(PackageLinkMode mode) {
    switch (mode) {
    case PackageLinkMode::Clone:
        return "clone";
    case PackageLinkMode::Copy:
        return "copy";
    case PackageLinkMode::Hardlink:
        return "hardlink";
    case PackageLinkMode::Symlink:
        return "symlink";
    }
    return "clone";
}

std::optional<PackageLinkMode> parse_package_link_mode(std::string_view name) {
    for (PackageLinkMode mode : {PackageLinkMode::Clone, PackageLinkMode::Copy,
                                 PackageLinkMode::Hardlink, PackageLinkMode::Symlink}) {
        if (name == package_link_mode_name(mode)) {
            return mode;
        }
    }
    return std::nullopt;
}

void say_copying_instead_of_cloning(const fs::path& venv) {
    static bool said = false;
    if (!std::exchange(said, true)) {
        print_verbose(fmt::format("the file system of {} cannot clone files from the wheel "
                                  "cache; copying instead",
                                  venv.string()));
    }
}

LinkedFolder symlink_anchor(const WheelContents& contents, const UnpackedWheel& unpacked) {
    return {contents.root_dir + "/" + contents.dist_info_dir + "/" + symlink_anchor_name, "",
            unpacked.tree_path().string()};
}

std::string target_through_anchor(std::string_view anchor, std::string_view destination,
                                  std::string_view member) {
    // The folders the two share, whole names only; then one ".." for each of
    // the link's own folders below them.
    const std::string_view folder = destination.substr(0, destination.rfind('/') + 1);
    std::string_view::size_type shared = 0;
    for (std::string_view::size_type slash = folder.find('/'); slash != std::string_view::npos;
         slash = folder.find('/', slash + 1)) {
        if (anchor.compare(0, slash + 1, folder, 0, slash + 1) != 0) {
            break;
        }
        shared = slash + 1;
    }
    std::string target;
    for (std::string_view::size_type slash = folder.find('/', shared);
         slash != std::string_view::npos; slash = folder.find('/', slash + 1)) {
        target += "../";
    }
    target.append(anchor.substr(shared)).append("/").append(member);
    return target;
}

std::string SymlinkRoutes::target(std::string_view destination, std::string_view member) const {
    const std::string_view::size_type slash = destination.rfind('/');
    if (slash != std::string_view::npos &&
        folders_with_anchor.find(destination.substr(0, slash)) != folders_with_anchor.end()) {
        return folder_anchor + "/" + std::string(destination.substr(slash + 1));
    }
    return target_through_anchor(package_anchor, destination, member);
}

namespace {

struct FolderLinks {
    std::string_view destination; // as the first file spells it
    std::string member_folder;
    std::string_view first_file;   // its destination
    bool one_member_folder = true; // every file a member of it, under its own name,
                                   // and the folder spelt one way
    unsigned long_routes = 0;      // through the package's anchor, past the inode
};

// ".cppvenv-cache-pip" for "pip-24.2.dist-info": one name per package, so two
// packages with files in one folder each have their own. Empty for a name of
// other characters than a wheel's (PEP 427 escapes the rest to "_").
std::string folder_anchor_for(const std::string& dist_info_dir) {
    const std::string project = dist_info_dir.substr(0, dist_info_dir.find('-'));
    if (project.empty() || project.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrs"
                                                     "tuvwxyz0123456789_.") != std::string::npos) {
        return {};
    }
    return std::string(folder_anchor_prefix) + "-" + project;
}

} // namespace

std::vector<LinkedFolder> add_folder_anchors(const WheelContents& contents, SymlinkRoutes& routes,
                                             const fs::path& tree, std::size_t inline_bytes) {
    routes.folder_anchor = folder_anchor_for(contents.dist_info_dir);
    if (routes.folder_anchor.empty()) {
        return {};
    }
    const std::string root = contents.root_dir + "/";
    const std::string dist_info = root + contents.dist_info_dir + "/";
    const std::size_t own_route = routes.folder_anchor.size() + 1;
    // By the folder's name in lower case: where the file system does not tell
    // "Pkg" from "pkg", the two are one folder, and it gets no anchor.
    std::map<std::string, FolderLinks> folders;
    for (const WheelFile& file : contents.files) {
        const std::string_view destination = file.destination;
        const std::string_view::size_type slash = destination.rfind('/');
        // A link in the root itself would have pip's uninstall weigh the whole
        // root (symlink_anchor()); the .dist-info's are short already.
        if (file.is_script || slash == std::string_view::npos || slash < root.size() ||
            !starts_with(destination, root) || starts_with(destination, dist_info)) {
            continue;
        }
        const std::string_view name = destination.substr(slash + 1);
        const std::string_view member = file.member->name;
        FolderLinks& folder = folders[lowercase(destination.substr(0, slash))];
        const bool own_name = member.size() > name.size() &&
                              member.substr(member.size() - name.size()) == name &&
                              member[member.size() - name.size() - 1] == '/';
        const std::string_view member_folder =
            own_name ? member.substr(0, member.size() - name.size() - 1) : std::string_view();
        if (folder.destination.empty()) {
            folder.destination = destination.substr(0, slash);
            folder.member_folder = std::string(member_folder);
            folder.first_file = destination;
        }
        if (!own_name || member_folder != folder.member_folder ||
            destination.substr(0, slash) != folder.destination) {
            folder.one_member_folder = false;
        }
        if (target_through_anchor(routes.package_anchor, destination, member).size() >
                inline_bytes &&
            own_route + name.size() <= inline_bytes) {
            ++folder.long_routes;
        }
    }
    std::vector<LinkedFolder> anchors;
    for (const auto& [key, folder] : folders) {
        // The anchor's own target (absolute) is long: worth it from two links on.
        if (folder.one_member_folder && folder.long_routes >= 2) {
            const std::string target = (tree / folder.member_folder).string();
            routes.folders_with_anchor.emplace(folder.destination);
            routes.anchor_made_with.emplace(folder.first_file, target);
            anchors.push_back({std::string(folder.destination) + "/" + routes.folder_anchor,
                               folder.member_folder, target, true});
        }
    }
    return anchors;
}

PackageLinker::PackageLinker(const UnpackedWheel& unpacked, PackageLinkMode mode,
                             const fs::path& venv, bool has_member_files,
                             std::shared_ptr<const SymlinkRoutes> routes)
    : unpacked_(unpacked), mode_(mode), venv_(venv), routes_(std::move(routes)) {
    if (mode_ == PackageLinkMode::Symlink && (!routes_ || routes_->package_anchor.empty())) {
        // A target through no anchor would point into the venv itself.
        throw Error("symlink mode needs the link to the cache entry its links go through");
    }
    // Clones of whole member files share every block; without them, copies.
    if (mode_ == PackageLinkMode::Clone && !has_member_files) {
        mode_ = PackageLinkMode::Copy;
    }
    copying_.clone = false;
}

void PackageLinker::place(const ArchiveMember& member, const std::string& destination,
                          TreeWriter& writer, Existing existing) {
    if (mode_ == PackageLinkMode::Symlink) {
        // Python writes a module's .pyc beside the link (in the venv), never
        // through it: each file is linked, each folder is the venv's own.
        writer.make_symlink(destination, routes_->target(destination, member.name), existing);
        const auto anchor = routes_->anchor_made_with.find(destination);
        if (anchor != routes_->anchor_made_with.end()) {
            writer.make_symlink(destination.substr(0, destination.rfind('/') + 1) +
                                    routes_->folder_anchor,
                                anchor->second, existing);
        }
        return;
    }
    if (mode_ == PackageLinkMode::Hardlink) {
        const auto [folder, name] = unpacked_.locate(member);
        if (writer.link_file(destination, folder, name, existing)) {
            return;
        }
        print_verbose(fmt::format(
            "cannot hard-link from the wheel cache into {} ({}); copying instead", venv_.string(),
            errno == EXDEV ? "another file system" : std::strerror(errno)));
        mode_ = PackageLinkMode::Copy;
    }
    TreeWriter::Output output =
        writer.open_file(destination, member.is_executable ? executable_mode : file_mode, existing);
    if (mode_ == PackageLinkMode::Clone) {
        if (clone(member, output)) {
            output.commit();
            return;
        }
        say_copying_instead_of_cloning(venv_);
        mode_ = PackageLinkMode::Copy;
    }
    output.fill_from(unpacked_.pack(), unpacked_.range_of(member), copying_);
    output.commit();
}

bool PackageLinker::clone(const ArchiveMember& member, TreeWriter::Output& output) {
    const auto [folder, name] = unpacked_.locate(member);
    const int source = platform::open_file_at(folder, name);
    if (source < 0) {
        throw_system_error("cannot read the cached file", unpacked_.file_path(member));
    }
    const bool cloned = output.clone_from(source);
    platform::close_file(source);
    return cloned;
}

namespace {

PlaceFile place_with(std::shared_ptr<PackageLinker> linker) {
    // The file's bytes were checked against RECORD's hash when it was cached.
    return [linker](const WheelFile& file, TreeWriter& writer, Existing existing) {
        linker->place(*file.member, file.destination, writer, existing);
    };
}

} // namespace

// Copies out of the pack and symlinks may be placed on several threads, each
// with a linker of its own (what the file systems allowed is each one's
// state): a symlink's target is only a path (target_through_anchor). Clones
// and hard links open the entry's folders through the cache's own TreeWriter,
// one thread at a time.
FilePlacer placer_for(const UnpackedWheel& unpacked, PackageLinkMode mode, const fs::path& venv,
                      bool has_member_files, SymlinkRoutes routes) {
    const auto shared_routes = std::make_shared<const SymlinkRoutes>(std::move(routes));
    const auto linker =
        std::make_shared<PackageLinker>(unpacked, mode, venv, has_member_files, shared_routes);
    FilePlacer placer{place_with(linker), {}};
    const PackageLinkMode placing = linker->mode();
    if (placing == PackageLinkMode::Copy || placing == PackageLinkMode::Symlink) {
        placer.for_thread = [&unpacked, venv, placing, has_member_files, shared_routes] {
            return place_with(std::make_shared<PackageLinker>(unpacked, placing, venv,
                                                              has_member_files, shared_routes));
        };
    }
    return placer;
}

} // namespace cppvenv
