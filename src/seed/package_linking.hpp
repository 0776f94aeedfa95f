#pragma once
// Puts a package file from the cache of unpacked wheels into a venv: a clone,
// a copy, a hard link or a symlink (PackageLinkMode).

#include "seed/parallel_placing.hpp"
#include "seed/seed_layout.hpp"
#include "seed/unpacked_wheel.hpp"
#include "util/tree_writer.hpp"

#include <boost/filesystem/path.hpp>
#include <string>

namespace cppvenv {

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
    // is what -v names: the venv's final path, not the staging folder.
    PackageLinker(const UnpackedWheel& unpacked, PackageLinkMode mode,
                  const boost::filesystem::path& venv, bool has_member_files);

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
    CopyState copying_; // what the file systems allowed so far
};

// How the package files of `unpacked` go into the venv in `mode`, with a
// PackageLinker of their own: copies and symlinks may go on several threads,
// each with its own linker; clones and hard links on one.
FilePlacer placer_for(const UnpackedWheel& unpacked, PackageLinkMode mode,
                      const boost::filesystem::path& venv, bool has_member_files);

} // namespace cppvenv
