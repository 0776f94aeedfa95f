#pragma once
// A wheel's members mapped onto the venv, checked before anything is written.

#include "seed/seed_layout.hpp"
#include "seed/wheel_archive.hpp"
#include "seed/wheel_record.hpp"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace cppvenv {

// Symlink mode's one link to a wheel's cache entry, in its .dist-info
// (seed/package_linking.hpp): a name no wheel's file may be installed at.
constexpr const char* symlink_anchor_name = "cppvenv-cache";
// Its links in a folder to the folder's member folder, where the file system
// keeps short targets in the inode (seed/package_linking.hpp): one per package,
// ".cppvenv-cache-pip", a name no wheel's file or folder may start with either.
constexpr const char* folder_anchor_prefix = ".cppvenv-cache";
// Whether `destination` (relative to the venv root) is "<...>.dist-info/
// cppvenv-cache" or ".../.cppvenv-cache...", or below one, in any case (a file
// system may not tell ".CPPVENV-CACHE" from ".cppvenv-cache").
bool is_symlink_anchor_path(std::string_view destination);

// One wheel member and where it goes.
struct WheelFile {
    const ArchiveMember* member = nullptr;
    std::string destination;        // relative to the venv root, '/'-separated
    std::string_view expected_hash; // "sha256=...", in WheelContents::record
    bool is_script = false; // from .data/scripts: "#!python" is rewritten, always executable
};

// A wheel's members mapped onto the venv, checked before anything is written.
struct WheelContents {
    std::string dist_info_dir; // "pip-24.2.dist-info"
    std::string root_dir;      // purelib or platlib: where the .dist-info goes
    std::vector<WheelFile> files;
    std::string entry_points;           // entry_points.txt, or empty
    std::unique_ptr<RecordText> record; // the wheel's RECORD: the files' hashes
};

// Maps and checks every member: throws Error naming the wheel and the member for
// an absolute path, a "..", a symlink that leaves the venv or that another member
// would be written through, a duplicate, a member missing from RECORD or listed
// without a hash, an unknown .data folder, or a missing .dist-info/WHEEL/RECORD.
WheelContents map_wheel_contents(const WheelSource& wheel, const SeedLayout& layout);

// The wheel's one top-level "<name>-<version>.dist-info" folder; throws Error
// naming the wheel when there is none or more than one.
std::string find_dist_info_dir(const WheelSource& wheel);

// `to` (relative to the venv root) as RECORD writes it from `from_dir`: "pip/x.py",
// "../../../bin/pip".
std::string record_path(const std::string& from_dir, std::string to);

} // namespace cppvenv
