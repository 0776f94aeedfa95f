#pragma once
// One entry of the wheel cache: a wheel's members in one read-only pack file,
// with a manifest written last that lists each member's size and executable
// bit; the members as separate read-only files too, once a venv has wanted to
// link to them.

#include "seed/member_tree_check.hpp"
#include "seed/wheel_archive.hpp"
#include "seed/wheel_pack.hpp"
#include "util/tree_writer.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cppvenv {

// What an entry holds, below its folder.
constexpr const char* unpacked_manifest_name = "manifest";
constexpr const char* unpacked_pack_name = "pack";
constexpr const char* unpacked_files_folder = "files";
// The members with the bytecode of one Python ("compiled-cpython-3.12"): what
// symlinked package folders point to, so Python never writes into the cache.
std::string compiled_tree_name(const std::string& bytecode_tag);

// The manifest of an entry: its first line names the format, its last line
// ("end N") is what makes a manifest whole.
std::string format_unpacked_manifest(const std::string& sha256,
                                     const std::vector<ArchiveMember>& members);
// The members a manifest lists, or std::nullopt for one that is malformed, cut
// short, of another format or of another wheel.
std::optional<std::vector<ArchiveMember>> parse_unpacked_manifest(const std::string& text,
                                                                  const std::string& sha256);
// Whether `name` can be a file of an entry (and a line of its manifest).
bool is_cacheable_member_name(std::string_view name);

// The entry `sha256` below `entries` (the cache's wheels/ folder), checked the
// cheap way on every use: the manifest is whole; the pack is a regular file
// (not a link) of this user, read-only, exactly as long as the manifest's sizes
// make it; the entry's folder is this user's and not writable by others. The
// bytes were checked against the wheel's RECORD when the entry was made and are
// not hashed again: that would cost what the cache saves.
class UnpackedWheel : public WheelSource {
public:
    // std::nullopt, with `problem` saying why, when the entry is missing or damaged.
    static std::optional<UnpackedWheel> open(TreeWriter& entries, const std::string& sha256,
                                             const boost::filesystem::path& wheel,
                                             std::string& problem);
    UnpackedWheel(UnpackedWheel&& other) noexcept;
    UnpackedWheel(const UnpackedWheel&) = delete;
    UnpackedWheel& operator=(const UnpackedWheel&) = delete;
    UnpackedWheel& operator=(UnpackedWheel&& other) noexcept;
    ~UnpackedWheel() override;

    const std::vector<ArchiveMember>& members() const override { return members_; }
    const std::string& sha256() const { return sha256_; }
    const boost::filesystem::path& path() const override { return wheel_; }
    std::string read_all(const ArchiveMember& member) const override;

    // The open pack, and where `member` is in it.
    int pack() const { return pack_; }
    FileRange range_of(const ArchiveMember& member) const;

    // Whether the entry's members are also there as files (the files/ folder),
    // each checked like the pack: of this user, read-only, of its size, with its
    // executable bit, in folders of this user that nobody else may write. False,
    // with `problem` saying why, when they are not or not all.
    bool has_member_files(std::string& problem) const {
        return has_member_tree(unpacked_files_folder, problem);
    }
    // The same for another tree of the entry's members: a compiled tree (the
    // members and one Python's bytecode, compiled_tree_name()), whose __pycache__
    // folders are checked as trusted too.
    bool has_member_tree(const std::string& tree, std::string& problem) const;
    // has_member_files(), begun on another thread where that pays, for the
    // caller to do other work meanwhile: its finish() gives the problem, or
    // std::nullopt. This entry must not move or go before that.
    MemberTreeCheck begin_member_files_check() const {
        return begin_member_tree_check(unpacked_files_folder, MemberTreeCheck::Threads::Two);
    }
    // Where locate(), file_path() and tree_path() look: files/ unless told.
    void use_member_tree(std::string tree) { tree_ = std::move(tree); }

    // The folder holding `member`'s file (an open descriptor kept by the tree
    // writer) and its name there; only after has_member_files().
    std::pair<int, std::string> locate(const ArchiveMember& member) const;
    // The absolute path of `member`'s file (what errors name).
    boost::filesystem::path file_path(const ArchiveMember& member) const;
    // The absolute path of the member tree itself (what symlink mode's one
    // absolute link in a venv names: symlink_anchor()).
    boost::filesystem::path tree_path() const;

private:
    UnpackedWheel(TreeWriter& entries, std::string sha256, boost::filesystem::path wheel,
                  std::vector<ArchiveMember> members)
        : entries_(&entries), sha256_(std::move(sha256)), wheel_(std::move(wheel)),
          members_(std::move(members)), layout_(members_) {}
    std::string relative(const std::string& member_name) const;
    MemberTreeCheck begin_member_tree_check(const std::string& tree,
                                            MemberTreeCheck::Threads threads) const;

    TreeWriter* entries_;
    std::string sha256_;
    boost::filesystem::path wheel_;
    std::vector<ArchiveMember> members_;
    PackLayout layout_;
    int pack_ = -1;
    std::string tree_ = unpacked_files_folder;
};

} // namespace cppvenv
