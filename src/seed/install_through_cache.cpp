// Installs a wheel through the cache of unpacked wheels: found there (its
// files checked while it is mapped), kept there as it is installed the first
// time, or made there; then copied, cloned or linked from it.
#include "seed/install_from.hpp"
#include "seed/install_wheels.hpp"
#include "seed/member_tree_check.hpp"
#include "seed/package_folders.hpp"
#include "seed/package_linking.hpp"
#include "seed/unpacked_wheel.hpp"
#include "seed/wheel_cache.hpp"
#include "util/cache_directory.hpp"
#include "util/error.hpp"
#include "util/host_platform.hpp"
#include "util/output.hpp"
#include "util/platform.hpp"
#include "util/text.hpp"

#include <boost/filesystem/operations.hpp>
#include <fmt/format.h>
#include <memory>
#include <optional>
#include <utility>

namespace cppvenv {
namespace fs = boost::filesystem;

namespace {

// The first create from a wheel, copying: installed straight from the wheel, and
// its bytes kept in the cache as they pass (no second pass over them). nullopt
// when the cache has the entry after all, or cannot make one.
std::optional<InstalledWheel> install_keeping_in_cache(const fs::path& wheel_path,
                                                       const std::string& sha256,
                                                       const SeedLayout& layout,
                                                       WheelCache& cache) {
    bool busy = false;
    std::unique_ptr<WheelCache::NewEntry> entry = cache.start_entry(wheel_path, sha256, busy);
    if (busy) {
        // Another create is making this entry: no waiting for it.
        print_verbose(fmt::format("another cppvenv is putting {} into the wheel cache; "
                                  "installing straight from the wheel",
                                  wheel_path.string()));
        return install_wheel(wheel_path, layout);
    }
    if (!entry) {
        return std::nullopt;
    }
    const WheelArchive wheel(wheel_path);
    WheelContents contents = map_wheel_contents(wheel, layout);
    entry->lay_out(wheel, contents);
    InstalledWheel installed =
        install_from(wheel, contents, layout, placer_from(wheel, entry.get()), entry.get());
    if (!entry->publish(wheel)) {
        print_warning(fmt::format("the wheel cache could not keep {} ({})", wheel_path.string(),
                                  entry->problem()));
    }
    return installed;
}

// Whether the venv's file system can share blocks with the cache's (a reflink
// on Btrfs, XFS, … on the same file system), tried once with the entry's pack.
bool venv_can_clone_from(const UnpackedWheel& unpacked, const fs::path& venv) {
    const platform::OpenDirectory folder(
        platform::open_directory(venv, platform::FinalSymlink::Follow));
    // With the first member that has bytes (a clone of length 0 means "to the end").
    for (const ArchiveMember& member : unpacked.members()) {
        if (member.size > 0) {
            return folder &&
                   platform::can_clone_into(unpacked.pack(), unpacked.range_of(member).clone_length,
                                            folder.get());
        }
    }
    return false;
}

// Symlink mode with whole package folders: each linked to the entry's compiled
// tree (the members and this Python's bytecode, compiled once), the other
// files one by one. std::nullopt, said under -v, when the tree cannot be made.
std::optional<InstalledWheel> install_with_folder_links(const fs::path& wheel_path,
                                                        const std::string& sha256,
                                                        const SeedLayout& layout,
                                                        WheelCache& cache) {
    std::optional<UnpackedWheel> compiled;
    try {
        compiled.emplace(cache.compiled_entry(wheel_path, sha256, *layout.bytecode_compiler));
    } catch (const Error& error) {
        print_verbose(fmt::format("cannot link the package folders of {} whole ({}); linking "
                                  "its files one by one",
                                  wheel_path.string(), error.what()));
        return std::nullopt;
    }
    WheelContents contents = map_wheel_contents(*compiled, layout);
    const LinkedFolder anchor = symlink_anchor(contents, *compiled);
    std::vector<LinkedFolder> links{anchor};
    for (LinkedFolder& folder : take_linkable_folders(contents)) {
        folder.target =
            target_through_anchor(anchor.destination, folder.destination, folder.member_folder);
        links.push_back(std::move(folder));
    }
    return install_from(*compiled, contents, layout,
                        placer_for(*compiled, PackageLinkMode::Symlink, layout.final_root, true,
                                   SymlinkRoutes{anchor.destination, {}, {}, {}}),
                        nullptr, links);
}

} // namespace

InstalledWheel install_wheel_through_cache(const fs::path& wheel_path, const std::string& sha256,
                                           const SeedLayout& layout, WheelCache& cache) {
    if (layout.link_package_folders && layout.bytecode_compiler) {
        if (std::optional<InstalledWheel> installed =
                install_with_folder_links(wheel_path, sha256, layout, cache)) {
            return *installed;
        }
    }
    MemberFiles files = layout.link_mode == PackageLinkMode::Hardlink ||
                                layout.link_mode == PackageLinkMode::Symlink
                            ? MemberFiles::Needed
                            : MemberFiles::NotNeeded;
    std::optional<UnpackedWheel> unpacked;
    // Mapped from `unpacked` (its files point to its members): reset with it.
    std::optional<WheelContents> contents;
    try {
        if (std::optional<UnpackedWheel> found =
                cache.find(wheel_path, sha256, MemberFiles::NotNeeded)) {
            // The member files, when needed, are looked at on another thread while
            // this one maps the wheel: the two are most of a linked create's work
            // before its first link.
            std::optional<MemberTreeCheck> check;
            if (files == MemberFiles::Needed) {
                check.emplace(found->begin_member_files_check());
            }
            WheelContents mapped = map_wheel_contents(*found, layout);
            if (!check || !check->finish()) {
                check.reset();
                unpacked.emplace(std::move(*found)); // its members stay where they are
                contents.emplace(std::move(mapped));
            }
        }
    } catch (const Error&) {
        // Looked at again, and said, by entry_for below.
    }
    // Only into a new tree: an upgrade in place may install nothing at all.
    if (!unpacked && files == MemberFiles::NotNeeded && layout.write_mode == WriteMode::NewFiles) {
        if (std::optional<InstalledWheel> installed =
                install_keeping_in_cache(wheel_path, sha256, layout, cache)) {
            return *installed;
        }
    }
    try {
        if (!unpacked) {
            unpacked.emplace(cache.entry_for(wheel_path, sha256, files));
        }
        // A clone shares every block only from a whole file: where the venv can
        // clone, the entry's members are wanted as files.
        if (layout.link_mode == PackageLinkMode::Clone) {
            if (venv_can_clone_from(*unpacked, layout.build_root)) {
                files = MemberFiles::Needed;
                std::string problem;
                if (!unpacked->has_member_files(problem)) {
                    contents.reset();
                    unpacked = cache.entry_for(wheel_path, sha256, files);
                }
            } else {
                say_copying_instead_of_cloning(layout.final_root);
            }
        }
    } catch (const Error& cache_error) {
        // A broken wheel fails again here, with its own message alone; a full or
        // read-only cache must not stop a create.
        InstalledWheel installed = install_wheel(wheel_path, layout);
        print_warning(fmt::format("the wheel cache could not be used for {} ({}); installed "
                                  "straight from the wheel",
                                  wheel_path.string(), cache_error.what()));
        return installed;
    }
    if (!contents) {
        contents.emplace(map_wheel_contents(*unpacked, layout));
    }
    // Symlink mode's links to the entry, made before the links through them.
    std::vector<LinkedFolder> links;
    SymlinkRoutes routes;
    if (layout.link_mode == PackageLinkMode::Symlink) {
        links.push_back(symlink_anchor(*contents, *unpacked));
        routes.package_anchor = links.front().destination;
        for (LinkedFolder& folder :
             add_folder_anchors(*contents, routes, unpacked->tree_path(),
                                platform::symlink_target_bytes_in_inode(layout.build_root))) {
            links.push_back(std::move(folder));
        }
    }
    return install_from(*unpacked, *contents, layout,
                        placer_for(*unpacked, layout.link_mode, layout.final_root,
                                   files == MemberFiles::Needed, std::move(routes)),
                        nullptr, links);
}

namespace {

// Whether `path` (made absolute, its symlinks resolved as far as it exists)
// is `folder` or below it.
bool is_within(const fs::path& folder, const fs::path& path) {
    boost::system::error_code error;
    const fs::path real = fs::weakly_canonical(fs::absolute(path), error);
    if (error) {
        return false;
    }
    return real == folder || is_below(real.generic_string(), folder.generic_string());
}

} // namespace

void install_wheels(const std::vector<BundledWheel>& wheels, const SeedLayout& layout) {
    std::optional<WheelCache> cache;
    // The cache is trusted by POSIX owners and modes (entries of this user,
    // read-only, writable by nobody else); Windows ACLs are not checked, so a
    // Windows build installs straight from the wheels.
    const bool cache_can_be_trusted = host_platform() == Platform::Posix;
    if (layout.wheel_cache == WheelCacheUse::Use && cache_can_be_trusted && !wheels.empty()) {
        cache.emplace(default_cache_directory());
        if (!cache->usable()) {
            print_warning(fmt::format("not using the wheel cache: {}; installing straight from "
                                      "the wheels",
                                      cache->problem()));
            cache.reset();
        }
    }
    if (!cache) {
        for (const BundledWheel& wheel : wheels) {
            install_wheel(wheel.path, layout);
        }
        return;
    }
    std::vector<std::string> sha256s;
    for (const BundledWheel& wheel : wheels) {
        sha256s.push_back(cache->wheel_sha256(wheel.path));
    }
    SeedLayout chosen = layout;
    if (chosen.link_mode == PackageLinkMode::Symlink && !cache->lasts_only_with().empty() &&
        !is_within(cache->lasts_only_with(), layout.final_root)) {
        print_warning(fmt::format("not linking pip's files to the wheel cache: {} is in a folder "
                                  "other users may write, where they could take its name once "
                                  "it is cleaned away, and the venv would outlive it; copying "
                                  "them instead",
                                  cache->lasts_only_with().string()));
        chosen.link_mode = PackageLinkMode::Copy;
    }
    chosen.link_package_folders = may_link_package_folders(wheels, sha256s, layout, *cache);
    for (std::size_t i = 0; i < wheels.size(); ++i) {
        install_wheel_through_cache(wheels[i].path, sha256s[i], chosen, *cache);
    }
}

} // namespace cppvenv
