// One entry of the wheel cache: the pack, the manifest, the member files, the cheap checks.
#include "seed/unpacked_wheel.hpp"

#include "seed/wheel_cache_folders.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <cerrno>
#include <fmt/format.h>
#include <string_view>
#include <utility>

namespace cppvenv {
namespace fs = boost::filesystem;

namespace {

// Version 2 added the pack; an entry of another version is unpacked again.
constexpr const char* manifest_format_name = "cppvenv-unpacked-wheel";
constexpr const char* manifest_format = "cppvenv-unpacked-wheel 2";

std::optional<std::uint64_t> parse_count(std::string_view text) {
    if (text.empty() || text.size() > 19) {
        return std::nullopt;
    }
    std::uint64_t count = 0;
    for (const char c : text) {
        if (c < '0' || c > '9') {
            return std::nullopt;
        }
        count = count * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return count;
}

// The next '\n'-ended line of `text`, taken off it; nullopt when none is left.
std::optional<std::string_view> next_line(std::string_view& text) {
    const std::string_view::size_type end = text.find('\n');
    if (end == std::string_view::npos) {
        return std::nullopt;
    }
    const std::string_view line = text.substr(0, end);
    text.remove_prefix(end + 1);
    return line;
}

// A folder of the entry: a real folder of this user that nobody else may write.
bool folder_is_trusted(int descriptor) {
    platform::EntryIdentity identity;
    return descriptor >= 0 && platform::identity_of(descriptor, identity) == 0 &&
           is_private_folder(identity);
}

} // namespace

bool is_cacheable_member_name(std::string_view name) {
    return !name.empty() && !contains_any_of(name, "\t\n\r");
}

std::string format_unpacked_manifest(const std::string& sha256,
                                     const std::vector<ArchiveMember>& members) {
    std::string text = fmt::format("{}\nwheel {}\n", manifest_format, sha256);
    for (const ArchiveMember& member : members) {
        text +=
            fmt::format("{}\t{}\t{}\n", member.size, member.is_executable ? "x" : "-", member.name);
    }
    return text + fmt::format("end {}\n", members.size());
}

std::optional<std::vector<ArchiveMember>> parse_unpacked_manifest(const std::string& text,
                                                                  const std::string& sha256) {
    std::string_view rest = text;
    const std::optional<std::string_view> format = next_line(rest);
    const std::optional<std::string_view> wheel = next_line(rest);
    if (!format || *format != manifest_format || !wheel || *wheel != "wheel " + sha256) {
        return std::nullopt;
    }
    std::vector<ArchiveMember> members;
    members.reserve(static_cast<std::size_t>(std::count(rest.begin(), rest.end(), '\n')));
    while (const std::optional<std::string_view> line = next_line(rest)) {
        if (line->substr(0, 4) == "end ") {
            const std::optional<std::uint64_t> count = parse_count(line->substr(4));
            if (!count || *count != members.size() || !rest.empty()) {
                return std::nullopt;
            }
            return members;
        }
        // SIZE \t x|- \t NAME
        const std::string_view::size_type first = line->find('\t');
        if (first == std::string_view::npos || first + 2 >= line->size() ||
            (*line)[first + 2] != '\t') {
            return std::nullopt;
        }
        const std::optional<std::uint64_t> size = parse_count(line->substr(0, first));
        const char executable = (*line)[first + 1];
        const std::string_view name = line->substr(first + 3);
        if (!size || (executable != 'x' && executable != '-') || !is_cacheable_member_name(name)) {
            return std::nullopt;
        }
        ArchiveMember member;
        member.index = members.size();
        member.name = std::string(name);
        member.size = *size;
        member.is_executable = executable == 'x';
        members.push_back(std::move(member));
    }
    return std::nullopt; // no "end" line: cut short
}

std::string compiled_tree_name(const std::string& bytecode_tag) {
    return "compiled-" + bytecode_tag;
}

std::string UnpackedWheel::relative(const std::string& member_name) const {
    return sha256_ + "/" + tree_ + "/" + member_name;
}

UnpackedWheel::UnpackedWheel(UnpackedWheel&& other) noexcept
    : entries_(other.entries_), sha256_(std::move(other.sha256_)), wheel_(std::move(other.wheel_)),
      members_(std::move(other.members_)), layout_(std::move(other.layout_)),
      pack_(std::exchange(other.pack_, -1)), tree_(std::move(other.tree_)) {}

UnpackedWheel& UnpackedWheel::operator=(UnpackedWheel&& other) noexcept {
    if (this != &other) {
        if (pack_ >= 0) {
            platform::close_file(pack_);
        }
        entries_ = other.entries_;
        sha256_ = std::move(other.sha256_);
        wheel_ = std::move(other.wheel_);
        members_ = std::move(other.members_);
        layout_ = std::move(other.layout_);
        pack_ = std::exchange(other.pack_, -1);
        tree_ = std::move(other.tree_);
    }
    return *this;
}

UnpackedWheel::~UnpackedWheel() {
    if (pack_ >= 0) {
        platform::close_file(pack_);
    }
}

std::optional<UnpackedWheel> UnpackedWheel::open(TreeWriter& entries, const std::string& sha256,
                                                 const fs::path& wheel, std::string& problem) {
    const int entry_folder = entries.open_folder(sha256);
    if (entry_folder < 0) {
        problem = "missing";
        return std::nullopt;
    }
    // Nothing of an entry is read before its folder is known to be this user's.
    if (!folder_is_trusted(entry_folder)) {
        problem = "it is not yours or others may write to it";
        return std::nullopt;
    }
    std::optional<std::string> manifest = entries.read_file(sha256 + "/" + unpacked_manifest_name);
    std::optional<std::vector<ArchiveMember>> members =
        manifest ? parse_unpacked_manifest(*manifest, sha256) : std::nullopt;
    if (!members) {
        const bool other_format = manifest && manifest->rfind(manifest_format_name, 0) == 0 &&
                                  manifest->rfind(std::string(manifest_format) + "\n", 0) != 0;
        problem = other_format ? "it was made by another version of cppvenv"
                               : "its manifest is missing or incomplete";
        return std::nullopt;
    }
    UnpackedWheel unpacked(entries, sha256, wheel, std::move(*members));
    unpacked.pack_ = platform::open_file_at(entry_folder, unpacked_pack_name);
    platform::EntryIdentity identity;
    if (unpacked.pack_ < 0 || platform::identity_of(unpacked.pack_, identity) != 0 ||
        identity.type != platform::PathType::File ||
        identity.owner != platform::current_user_id() ||
        !wheel_cache_folders::is_read_only(identity.mode) ||
        identity.size != unpacked.layout_.size) {
        problem = "its pack is missing, changed or not read-only";
        return std::nullopt;
    }
    return unpacked;
}

FileRange UnpackedWheel::range_of(const ArchiveMember& member) const {
    return layout_.range(static_cast<std::size_t>(member.index), member.size);
}

std::string UnpackedWheel::read_all(const ArchiveMember& member) const {
    std::string contents(static_cast<std::size_t>(member.size), '\0');
    const FileRange range = range_of(member);
    for (std::size_t done = 0; done < contents.size();) {
        const long got = platform::read_at(pack_, range.offset + done, contents.data() + done,
                                           contents.size() - done);
        if (got < 0 && errno == EINTR) {
            continue;
        }
        if (got <= 0) {
            throw Error(fmt::format("the cached copy of {} in {} cannot be read whole", member.name,
                                    entries_->shown_path(sha256_).string()));
        }
        done += static_cast<std::size_t>(got);
    }
    return contents;
}

MemberTreeCheck UnpackedWheel::begin_member_tree_check(const std::string& tree,
                                                       MemberTreeCheck::Threads threads) const {
    const int top = entries_->open_folder(sha256_ + "/" + tree);
    if (!folder_is_trusted(top)) {
        return MemberTreeCheck("its files are missing, not yours or writable by others");
    }
    return MemberTreeCheck(top, members_, tree != unpacked_files_folder, threads);
}

bool UnpackedWheel::has_member_tree(const std::string& tree, std::string& problem) const {
    // Nothing else to do meanwhile: one thread (a second costs more to start
    // than it saves here).
    if (std::optional<std::string> untrusted =
            begin_member_tree_check(tree, MemberTreeCheck::Threads::One).finish()) {
        problem = std::move(*untrusted);
        return false;
    }
    return true;
}

std::pair<int, std::string> UnpackedWheel::locate(const ArchiveMember& member) const {
    const std::string path = relative(member.name);
    const auto [parent, name] = split_parent(path);
    return {entries_->open_folder(parent), name};
}

fs::path UnpackedWheel::file_path(const ArchiveMember& member) const {
    return entries_->shown_path(relative(member.name));
}

fs::path UnpackedWheel::tree_path() const {
    return entries_->shown_path(sha256_ + "/" + tree_);
}

} // namespace cppvenv
