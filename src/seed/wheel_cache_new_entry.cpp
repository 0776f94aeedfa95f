// A wheel-cache entry being made: the pack written as members pass, then the
// manifest and one rename.
#include "seed/wheel_cache.hpp"
#include "seed/wheel_cache_folders.hpp"
#include "util/error.hpp"
#include "util/file_system.hpp"
#include "util/output.hpp"

#include <cerrno>
#include <fmt/format.h>
#include <limits>

namespace cppvenv {
namespace fs = boost::filesystem;
using namespace wheel_cache_folders;

WheelCache::NewEntry::NewEntry(WheelCache& cache, const fs::path& wheel, std::string sha256)
    : cache_(cache), wheel_(wheel), sha256_(std::move(sha256)),
      wheel_identity_(platform::file_identity(wheel)) {}

void WheelCache::NewEntry::begin() {
    cache_.entries_->forget_folders_under(sha256_);
    if (!wheel_identity_ || cache_.wheel_sha256(wheel_) != sha256_) {
        throw Error(
            fmt::format("{} is not the wheel whose sha256 is {}", wheel_.string(), sha256_));
    }
    cache_.sweep_leftovers();
    temporary_ = unique_name(temporary_prefix);
    cache_.entries_->make_folders(temporary_);
    pack_file_.emplace(
        cache_.entries_->open_file(temporary_ + "/" + unpacked_pack_name, 0444, Existing::Refuse));
}

WheelCache::NewEntry::~NewEntry() {
    if (!published_ && !temporary_.empty()) {
        pack_.reset(); // closed and removed before its folder goes
        pack_file_.reset();
        try {
            cache_.discard(temporary_);
        } catch (...) {
            // What is left is swept by a later create: its process is gone.
        }
    }
}

void WheelCache::NewEntry::fail(const std::string& problem) {
    const std::lock_guard<std::mutex> hold(problem_mutex_);
    if (problem_.empty()) {
        problem_ = problem;
    }
    failed_ = true;
}

std::string WheelCache::NewEntry::problem() const {
    const std::lock_guard<std::mutex> hold(problem_mutex_);
    return problem_;
}

namespace {

// Deflate makes at most 1032 bytes of one: members whose listed sizes add up to
// more than that of the whole wheel are lies, which a pack laid out ahead of
// the bytes must not trust (a member written far past a lying one would make a
// huge sparse file, or meet the process's file size limit, before the lie is
// found).
bool sizes_are_possible(const std::vector<ArchiveMember>& members, std::uint64_t wheel_size) {
    constexpr std::uint64_t most_inflated = 1032;
    const std::uint64_t limit = wheel_size > (std::uint64_t{1} << 50)
                                    ? std::numeric_limits<std::uint64_t>::max() / 2
                                    : wheel_size * most_inflated + pack_alignment;
    std::uint64_t total = 0;
    for (const ArchiveMember& member : members) {
        if (member.size > limit || (total += member.size + pack_alignment) > limit) {
            return false;
        }
    }
    return true;
}

} // namespace

void WheelCache::NewEntry::lay_out(const WheelArchive& archive, const WheelContents& contents) {
    if (!pack_file_ || pack_) {
        fail("the cache entry was laid out twice, or before it began");
        return;
    }
    record_ = archive.find(contents.dist_info_dir + "/RECORD");
    if (record_ == nullptr) {
        fail(fmt::format("{} has no {}/RECORD", wheel_.string(), contents.dist_info_dir));
        return;
    }
    position_of_.assign(archive.members().size(), std::numeric_limits<std::size_t>::max());
    const auto keep = [&](const ArchiveMember& member) {
        if (!is_cacheable_member_name(member.name)) {
            fail(fmt::format("{}: the member name '{}' cannot be cached", wheel_.string(),
                             member.name));
        }
        if (member.index < position_of_.size()) {
            position_of_[member.index] = members_.size();
        }
        members_.push_back(member);
    };
    for (const WheelFile& file : contents.files) {
        keep(*file.member);
    }
    keep(*record_);
    // Numbered as the manifest lists them (the pack's order).
    for (std::size_t position = 0; position < members_.size(); ++position) {
        members_[position].index = position;
    }
    written_.assign(members_.size(), 0);
    if (!sizes_are_possible(members_, wheel_identity_ ? wheel_identity_->size : 0)) {
        fail(fmt::format("{}: its members' sizes add up to more than deflate could make of it",
                         wheel_.string()));
    }
    if (!failed_) {
        pack_.emplace(std::move(*pack_file_), members_);
    }
    pack_file_.reset();
}

void WheelCache::NewEntry::write(const ArchiveMember& member, std::uint64_t offset,
                                 std::string_view chunk) {
    if (failed_) {
        return;
    }
    const std::size_t position =
        member.index < position_of_.size() ? position_of_[member.index] : members_.size();
    if (!pack_ || position >= members_.size() || members_[position].name != member.name) {
        fail(fmt::format("{}: {} was not laid out in the cache's pack", wheel_.string(),
                         member.name));
        return;
    }
    try {
        pack_->write(position, offset, chunk);
        written_[position] = offset + chunk.size();
    } catch (const Error& error) {
        fail(error.what());
    }
}

bool WheelCache::NewEntry::publish(const WheelArchive& archive) {
    TreeWriter& entries = *cache_.entries_;
    const std::string sha256 = sha256_;
    try {
        if (!failed_ && pack_ && record_ != nullptr) {
            write(*record_, 0, archive.read_all(*record_));
        }
        for (std::size_t position = 0; !failed_ && position < members_.size(); ++position) {
            if (written_[position] != members_[position].size) {
                fail(fmt::format("{}: {} did not reach the cache whole", wheel_.string(),
                                 members_[position].name));
            }
        }
        if (!failed_ && pack_) {
            pack_->commit();
            // The manifest is written last: an entry without a whole one is damaged.
            entries.write_file(temporary_ + "/" + unpacked_manifest_name,
                               format_unpacked_manifest(sha256, members_), 0444, Existing::Refuse);
            // The sha256 was taken (or remembered) for the file with this identity.
            if (!platform::same_file(platform::file_identity(wheel_), wheel_identity_)) {
                fail(fmt::format("{} changed while it was unpacked", wheel_.string()));
            }
        }
        if (!failed_) {
            make_tree_read_only(entries, temporary_);
            // No fsync: a pack cut short by a crash fails the size check of the next
            // use and the entry is unpacked again, cheaper than syncing every time.
            if (platform::rename_at(entries.open_folder(""), temporary_, sha256) != 0 &&
                errno != EEXIST && errno != ENOTEMPTY) {
                throw_system_error("cannot publish the cache entry", entries.shown_path(sha256));
            }
        }
    } catch (const Error& error) {
        fail(error.what());
    }
    if (failed_ || !pack_) {
        fail("the cache entry was not laid out");
        return false; // discarded by the destructor
    }
    entries.forget_folders_under(temporary_);
    published_ = entries.type_of(temporary_) == platform::PathType::Missing;
    print_verbose(fmt::format("unpacked {} into the cache ({})", wheel_.string(),
                              entries.shown_path(sha256).string()));
    return true;
}

} // namespace cppvenv
