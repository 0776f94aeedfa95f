#pragma once
// Puts a package file from the cache of unpacked wheels into a venv: a clone,
// a copy, a hard link or a symlink (PackageLinkMode).

#include "seed/package_folders.hpp"
#include "seed/parallel_placing.hpp"
#include "seed/seed_layout.hpp"
#include "seed/unpacked_wheel.hpp"
#include "util/tree_writer.hpp"

#include <boost/filesystem/path.hpp>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace cppvenv {

// Symlink mode's one absolute link in a venv for a wheel, to the entry's member
// tree: "<root_dir>/pip-24.2.dist-info/cppvenv-cache". Every other link of the
// wheel is relative, through it: a target of some 40-120 bytes rather than the
// entry's absolute path (the cache's path, a sha256 and the member's name: over
// 127 bytes, past what tmpfs keeps in the inode, so each link would cost a
// page). In the .dist-info and listed in its RECORD, it goes with the rest of
// the .dist-info when pip uninstalls the package (a link in site-packages itself
// would have pip's uninstall look at all of site-packages, and take it whole
// when no other package had a file there).
LinkedFolder symlink_anchor(const WheelContents& contents, const UnpackedWheel& unpacked);

// The target of a link at `destination` (relative to the venv root) to
// `member` (a path of the member tree) through the anchor at `anchor` (relative
// to the venv root too), for ".../site-packages/pip/_internal/cli/main.py":
// "../../../pip-24.2.dist-info/cppvenv-cache/pip/_internal/cli/main.py". The
// paths are a wheel's, already checked (no "..", no empty part).
std::string target_through_anchor(std::string_view anchor, std::string_view destination,
                                  std::string_view member);

// Where symlink mode's links to one entry go through: the package's anchor, and
// the folders that have an anchor of their own (folder_anchors()).
struct SymlinkRoutes {
    std::string package_anchor; // symlink_anchor()'s destination
    // The name of this package's link in a folder: ".cppvenv-cache-pip".
    std::string folder_anchor;
    // Destinations of folders with a FOLDER/<folder_anchor> link to their member folder.
    std::set<std::string, std::less<>> folders_with_anchor;
    // Each of those links is made with one file of its folder (on the thread
    // that places that file): the file's destination, and the link's target.
    std::map<std::string, std::string, std::less<>> anchor_made_with;

    // The target of a link at `destination` to `member`: ".cppvenv-cache-pip/
    // NAME" in a folder with its own anchor, else through the package's
    // (target_through_anchor()).
    std::string target(std::string_view destination, std::string_view member) const;
};

// Adds to `routes` the folders whose links are better made through an anchor
// of their own, FOLDER/.cppvenv-cache-pip (one name per package), an absolute
// link to the folder's member folder: on ext4 a target of 60 bytes or more
// takes a 4 KiB block, and a route through the package's anchor repeats the
// folder's path (".../pip/_internal/cli/" up and down again), while
// ".cppvenv-cache-pip/main.py" fits in the inode. Chosen where at least two
// files' routes through the package's anchor are longer than `inline_bytes`
// (platform::symlink_target_bytes_in_inode) and their own are not (the anchor
// itself takes a block); only folders below a package folder, outside the
// .dist-info, spelt one way, whose linked files are all members of one member
// folder under their own names. Their targets are `tree` (UnpackedWheel::
// tree_path()) and the member folder. Returns them for RECORD (made_by_placer:
// each is made with the first file of its folder, on the thread that places it).
std::vector<LinkedFolder> add_folder_anchors(const WheelContents& contents, SymlinkRoutes& routes,
                                             const boost::filesystem::path& tree,
                                             std::size_t inline_bytes);

// Says under -v, once a run, that `venv` gets copies where clones were asked
// for: its file system cannot share blocks with the cache's.
void say_copying_instead_of_cloning(const boost::filesystem::path& venv);

// Places the files of one unpacked wheel, remembering what the file system
// refused: after a failed clone or hard link the rest are copied (said once
// under -v), so a venv on another file system than the cache still works.
class PackageLinker {
public:
    // `has_member_files`: the entry's members are there as files (UnpackedWheel::
    // has_member_files), as hard links and symlinks need and clones want. `venv`
    // is what -v names: the venv's final path, not the staging folder. `routes`:
    // where symlinks go through; a package anchor is required in Symlink mode
    // (Error without it), unused in the others.
    PackageLinker(const UnpackedWheel& unpacked, PackageLinkMode mode,
                  const boost::filesystem::path& venv, bool has_member_files,
                  std::shared_ptr<const SymlinkRoutes> routes);

    // How files are placed now: a refused clone or hard link turns it to Copy.
    PackageLinkMode mode() const { return mode_; }

    // `member` of the entry at `destination` (relative to the writer's root).
    void place(const ArchiveMember& member, const std::string& destination, TreeWriter& writer,
               Existing existing);

private:
    bool clone(const ArchiveMember& member, TreeWriter::Output& output);

    const UnpackedWheel& unpacked_;
    PackageLinkMode mode_;
    boost::filesystem::path venv_;
    std::shared_ptr<const SymlinkRoutes> routes_;
    CopyState copying_; // what the file systems allowed so far
};

// How the package files of `unpacked` go into the venv in `mode`, with a
// PackageLinker of their own: copies and symlinks may go on several threads,
// each with its own linker; clones and hard links on one. Symlinks go through
// `routes`, whose anchors are made before them.
FilePlacer placer_for(const UnpackedWheel& unpacked, PackageLinkMode mode,
                      const boost::filesystem::path& venv, bool has_member_files,
                      SymlinkRoutes routes);

} // namespace cppvenv
