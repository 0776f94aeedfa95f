#pragma once
// One entry of the wheel cache: a wheel's members unpacked, read-only, with a
// manifest written last that lists each file's size and executable bit.

#include "seed/wheel_archive.hpp"
#include "util/tree_writer.hpp"

#include <optional>
#include <string>
#include <vector>

namespace cppvenv {

// The manifest of an entry: its first line names the format, its last line
// ("end N") is what makes a manifest whole.
std::string format_unpacked_manifest(const std::string& sha256,
                                     const std::vector<ArchiveMember>& members);
// The members a manifest lists, or std::nullopt for one that is malformed, cut
// short or of another wheel.
std::optional<std::vector<ArchiveMember>> parse_unpacked_manifest(const std::string& text,
                                                                  const std::string& sha256);

// Whether `name` can be a file of an entry (and a line of its manifest).
bool is_cacheable_member_name(const std::string& name);

// The entry `sha256` below `entries` (the cache's wheels/ folder), checked the
// cheap way on every use: the manifest is whole, and every file it lists is a
// regular file (not a link) of this user, of the listed size, read-only, with
// the listed executable bit; every folder is this user's and not writable by
// others. File contents were checked against the wheel's RECORD when the entry
// was made and are not hashed again: that would cost what the cache saves.
class UnpackedWheel : public WheelSource {
public:
    // std::nullopt, with `problem` saying why, when the entry is missing or damaged.
    static std::optional<UnpackedWheel> open(TreeWriter& entries, const std::string& sha256,
                                             const boost::filesystem::path& wheel,
                                             std::string& problem);

    const std::vector<ArchiveMember>& members() const override { return members_; }
    const boost::filesystem::path& path() const override { return wheel_; }
    std::string read_all(const ArchiveMember& member) const override;

    // The folder holding `member` (an open descriptor kept by the tree writer)
    // and its name there.
    std::pair<int, std::string> locate(const ArchiveMember& member) const;
    // The absolute path of `member`'s file (what symlink mode links to).
    boost::filesystem::path file_path(const ArchiveMember& member) const;

private:
    UnpackedWheel(TreeWriter& entries, std::string sha256, boost::filesystem::path wheel)
        : entries_(&entries), sha256_(std::move(sha256)), wheel_(std::move(wheel)) {}
    std::string relative(const std::string& member_name) const;

    TreeWriter* entries_;
    std::string sha256_;
    boost::filesystem::path wheel_;
    std::vector<ArchiveMember> members_;
};

// Where an entry's files are, below its folder.
constexpr const char* unpacked_files_folder = "files";
constexpr const char* unpacked_manifest_name = "manifest";

} // namespace cppvenv
