// The cache of unpacked wheels: made once per wheel, checked on every use.
#include "seed/wheel_cache.hpp"

#include "python/facts_cache.hpp"
#include "seed/record_hash.hpp"
#include "seed/wheel_contents.hpp"
#include "util/cache_directory.hpp"
#include "util/disk_usage.hpp"
#include "util/error.hpp"
#include "util/file_system.hpp"
#include "util/output.hpp"

#include <atomic>
#include <cerrno>
#include <fmt/format.h>
#include <set>

namespace cppvenv {
namespace fs = boost::filesystem;

namespace {

constexpr const char* wheels_folder = "wheels";
constexpr const char* interpreters_folder = "interpreters"; // the facts cache's
constexpr const char* digests_folder = ".digests";
constexpr const char* temporary_prefix = ".tmp-";
constexpr const char* damaged_prefix = ".damaged-";

bool owned_and_private(const platform::EntryIdentity& identity) {
    return identity.type == platform::PathType::Directory &&
           identity.owner == platform::current_user_id() && (identity.mode & 022) == 0;
}

std::string unique_name(const char* prefix) {
    static std::atomic<unsigned> counter{0};
    return fmt::format("{}{}-{}", prefix, platform::current_process_id(), counter++);
}

bool starts_with(const std::string& text, const char* prefix) {
    return text.rfind(prefix, 0) == 0;
}

bool is_sha256_hex(const std::string& name) {
    return name.size() == 64 && name.find_first_not_of("0123456789abcdef") == std::string::npos;
}

// The process that made a ".tmp-PID-N" or ".damaged-PID-N" folder is gone.
bool is_abandoned(const std::string& name) {
    for (const char* prefix : {temporary_prefix, damaged_prefix}) {
        if (starts_with(name, prefix)) {
            const std::string rest = name.substr(std::string(prefix).size());
            const std::optional<long> process_id =
                platform::parse_process_id(rest.substr(0, rest.find('-')));
            return process_id && !platform::process_is_alive(*process_id);
        }
    }
    return false;
}

std::string sha256_of_file(const fs::path& path) {
    const int fd = platform::open_for_reading(path);
    if (fd < 0) {
        throw_system_error("cannot read the wheel", path);
    }
    RecordHasher hasher("sha256");
    char buffer[64 * 1024];
    for (;;) {
        const long got = platform::read_from(fd, buffer, sizeof buffer);
        if (got < 0 && errno == EINTR) {
            continue;
        }
        if (got <= 0) {
            platform::close_file(fd);
            if (got < 0) {
                throw_system_error("cannot read the wheel", path);
            }
            return hasher.finish_hex();
        }
        hasher.update(std::string_view(buffer, static_cast<std::size_t>(got)));
    }
}

bool same_file(const std::optional<platform::FileIdentity>& now,
               const std::optional<platform::FileIdentity>& before) {
    return now && before && now->size == before->size && now->mtime_ns == before->mtime_ns &&
           now->ctime_ns == before->ctime_ns && now->inode == before->inode;
}

// Folders left read-only (0555) are made writable again so they can be emptied.
void make_tree_writable(TreeWriter& writer, const std::string& relative) {
    if (writer.type_of(relative) != platform::PathType::Directory) {
        return;
    }
    writer.set_folder_mode(relative, 0700);
    for (const std::string& name : writer.list_folder(relative)) {
        make_tree_writable(writer, relative + "/" + name);
    }
}

void make_tree_read_only(TreeWriter& writer, const std::string& relative) {
    for (const std::string& name : writer.list_folder(relative)) {
        if (writer.type_of(relative + "/" + name) == platform::PathType::Directory) {
            make_tree_read_only(writer, relative + "/" + name);
        }
    }
    writer.set_folder_mode(relative, 0555);
}

// A layout whose folder names no wheel member can collide with: the wheel's
// checks (names, RECORD, links, .data) do not depend on the venv.
SeedLayout neutral_layout() {
    SeedLayout layout;
    layout.purelib_dir = ".purelib";
    layout.platlib_dir = ".platlib";
    layout.scripts_dir = ".scripts";
    layout.headers_dir = ".headers";
    return layout;
}

std::string algorithm_of(const std::string& record_hash) {
    return record_hash.substr(0, record_hash.find('='));
}

} // namespace

WheelCache::WheelCache(fs::path root) : root_(std::move(root)) {
    try {
        make_cache_folder(root_);
        make_cache_folder(root_ / wheels_folder);
    } catch (const Error& error) {
        problem_ = error.what();
        return;
    }
    platform::OpenDirectory top(platform::open_directory(root_, platform::FinalSymlink::Follow));
    platform::EntryIdentity top_identity;
    platform::EntryIdentity wheels_identity;
    if (!top || platform::identity_of(top.get(), top_identity) != 0 ||
        platform::identity_at(top.get(), wheels_folder, wheels_identity) != 0 ||
        !owned_and_private(top_identity) || !owned_and_private(wheels_identity)) {
        problem_ = fmt::format("{} is not a folder of yours that only you may write to",
                               (root_ / wheels_folder).string());
        return;
    }
    entries_ = std::make_unique<TreeWriter>(root_ / wheels_folder);
}

std::string WheelCache::wheel_sha256(const fs::path& wheel) {
    const std::optional<platform::FileIdentity> identity = platform::file_identity(wheel);
    if (!identity) {
        throw_system_error("cannot read the wheel", wheel);
    }
    const std::string memo = std::string(digests_folder) + "/" + stable_digest(wheel.string());
    const std::string key = fmt::format("{}\n{} {} {} {}\n", wheel.string(), identity->size,
                                        identity->mtime_ns, identity->ctime_ns, identity->inode);
    if (std::optional<std::string> known = entries_->read_file(memo);
        known && known->size() == key.size() + 65 && known->compare(0, key.size(), key) == 0 &&
        is_sha256_hex(known->substr(key.size(), 64))) {
        return known->substr(key.size(), 64);
    }
    const std::string sha256 = sha256_of_file(wheel);
    try {
        entries_->write_file(memo, key + sha256 + "\n", 0644, Existing::Replace);
    } catch (const Error&) {
        // Not remembering it only costs reading the wheel again next time.
    }
    return sha256;
}

std::optional<UnpackedWheel> WheelCache::find(const fs::path& wheel, const std::string& sha256,
                                              MemberFiles files) {
    std::string problem;
    std::optional<UnpackedWheel> entry = UnpackedWheel::open(*entries_, sha256, wheel, problem);
    if (entry && files == MemberFiles::Needed && !entry->has_member_files(problem)) {
        return std::nullopt;
    }
    return entry;
}

UnpackedWheel WheelCache::entry_for(const fs::path& wheel, const std::string& sha256,
                                    MemberFiles files) {
    if (std::optional<UnpackedWheel> entry = find(wheel, sha256, files)) {
        return std::move(*entry);
    }
    // One process unpacks at a time; the others wait here, then find the entry.
    platform::DirectoryLock lock;
    lock.lock(root_ / wheels_folder);
    entries_->forget_folders_under(sha256);
    std::string problem;
    std::optional<UnpackedWheel> entry = UnpackedWheel::open(*entries_, sha256, wheel, problem);
    if (!entry) {
        if (entries_->type_of(sha256) != platform::PathType::Missing) {
            print_verbose(fmt::format("the cached copy of {} cannot be used ({}); unpacking it "
                                      "again",
                                      wheel.string(), problem));
            const std::string aside = unique_name(damaged_prefix);
            if (platform::rename_at(entries_->open_folder(""), sha256, aside) != 0) {
                throw_system_error("cannot move aside the damaged cache entry",
                                   entries_->shown_path(sha256));
            }
            entries_->forget_folders_under(sha256);
            discard(aside);
        }
        sweep_leftovers();
        unpack(wheel, sha256);
        entry = UnpackedWheel::open(*entries_, sha256, wheel, problem);
        if (!entry) {
            throw Error(
                fmt::format("the cached copy of {} in {} is unusable right after unpacking ({})",
                            wheel.string(), entries_->shown_path(sha256).string(), problem));
        }
    }
    if (files == MemberFiles::Needed && !entry->has_member_files(problem)) {
        make_member_files(*entry, sha256);
        if (!entry->has_member_files(problem)) {
            throw Error(fmt::format("the cached files of {} in {} are unusable right after "
                                    "unpacking them ({})",
                                    wheel.string(), entries_->shown_path(sha256).string(),
                                    problem));
        }
    }
    return std::move(*entry);
}

void WheelCache::unpack(const fs::path& wheel, const std::string& sha256) {
    const WheelArchive archive(wheel);
    const WheelContents contents = map_wheel_contents(archive, neutral_layout());
    NewEntry entry(*this, wheel, sha256, true);
    for (const WheelFile& file : contents.files) {
        const ArchiveMember& member = *file.member;
        RecordHasher hasher(algorithm_of(file.expected_hash));
        entry.start_member(member);
        archive.read(member, [&](std::string_view chunk) {
            hasher.update(chunk);
            entry.write(chunk);
        });
        if (hasher.finish() != file.expected_hash) {
            throw Error(fmt::format("{}: {} does not match its hash in RECORD", wheel.string(),
                                    member.name));
        }
    }
    if (!entry.publish(archive, contents.dist_info_dir)) {
        throw Error(entry.problem());
    }
}

// The members as files, from the pack: what hard links and symlinks point to.
void WheelCache::make_member_files(UnpackedWheel& entry, const std::string& sha256) {
    const std::string files = sha256 + "/" + unpacked_files_folder;
    if (entries_->type_of(files) != platform::PathType::Missing) {
        std::string problem;
        entry.has_member_files(problem);
        print_verbose(fmt::format("the cached files of {} cannot be used ({}); making them again",
                                  entry.path().string(), problem));
        entries_->set_folder_mode(sha256, 0700);
        discard(files);
        entries_->forget_folders_under(files);
    }
    sweep_leftovers();
    const std::string temporary = unique_name(temporary_prefix);
    entries_->make_folders(temporary);
    try {
        CopyState state; // clones share the pack's blocks where the file system can
        for (const ArchiveMember& member : entry.members()) {
            TreeWriter::Output output =
                entries_->open_file(temporary + "/" + member.name,
                                    member.is_executable ? 0555 : 0444, Existing::Refuse);
            output.fill_from(entry.pack(), entry.range_of(member), state);
            output.commit();
        }
        make_tree_read_only(*entries_, temporary);
        // The entry's folder is made writable for the rename, by this user only.
        entries_->set_folder_mode(sha256, 0700);
        if (platform::rename_at(entries_->open_folder(""), temporary, entries_->open_folder(sha256),
                                unpacked_files_folder) != 0) {
            throw_system_error("cannot publish the cached files", entries_->shown_path(files));
        }
        entries_->set_folder_mode(sha256, 0555);
    } catch (...) {
        entries_->set_folder_mode(sha256, 0555);
        discard(temporary);
        throw;
    }
    entries_->forget_folders_under(temporary);
    print_verbose(fmt::format("unpacked the files of {} in the cache ({})", entry.path().string(),
                              entries_->shown_path(files).string()));
}

std::unique_ptr<WheelCache::NewEntry> WheelCache::start_entry(const fs::path& wheel,
                                                              const std::string& sha256) {
    try {
        std::unique_ptr<NewEntry> entry(new NewEntry(*this, wheel, sha256, false));
        std::string problem;
        if (UnpackedWheel::open(*entries_, sha256, wheel, problem)) {
            return nullptr; // made meanwhile by another process
        }
        if (entries_->type_of(sha256) != platform::PathType::Missing) {
            return nullptr; // damaged: entry_for replaces it
        }
        return entry;
    } catch (const Error& error) {
        print_verbose(
            fmt::format("not keeping {} in the wheel cache: {}", wheel.string(), error.what()));
        return nullptr;
    }
}

WheelCache::NewEntry::NewEntry(WheelCache& cache, const fs::path& wheel, std::string sha256,
                               bool locked)
    : cache_(cache), wheel_(wheel), sha256_(std::move(sha256)),
      wheel_identity_(platform::file_identity(wheel)) {
    if (!locked) {
        lock_.lock(cache_.root_ / wheels_folder);
    }
    cache_.entries_->forget_folders_under(sha256_);
    if (!wheel_identity_ || cache_.wheel_sha256(wheel) != sha256_) {
        throw Error(fmt::format("{} is not the wheel whose sha256 is {}", wheel.string(), sha256_));
    }
    cache_.sweep_leftovers();
    temporary_ = unique_name(temporary_prefix);
    cache_.entries_->make_folders(temporary_);
    pack_.emplace(
        cache_.entries_->open_file(temporary_ + "/" + unpacked_pack_name, 0444, Existing::Refuse));
}

WheelCache::NewEntry::~NewEntry() {
    if (!published_) {
        pack_.reset(); // closed and removed before its folder goes
        try {
            cache_.discard(temporary_);
        } catch (...) {
            // What is left is swept by a later create: its process is gone.
        }
    }
}

void WheelCache::NewEntry::fail(const std::string& problem) {
    if (problem_.empty()) {
        problem_ = problem;
    }
}

void WheelCache::NewEntry::start_member(const ArchiveMember& member) {
    if (!problem_.empty()) {
        return;
    }
    if (!is_cacheable_member_name(member.name)) {
        fail(
            fmt::format("{}: the member name '{}' cannot be cached", wheel_.string(), member.name));
        return;
    }
    members_.push_back(member);
    try {
        pack_->start_member();
    } catch (const Error& error) {
        fail(error.what());
    }
}

void WheelCache::NewEntry::write(std::string_view chunk) {
    if (!problem_.empty()) {
        return;
    }
    try {
        pack_->write(chunk);
    } catch (const Error& error) {
        fail(error.what());
    }
}

bool WheelCache::NewEntry::publish(const WheelArchive& archive, const std::string& dist_info_dir) {
    TreeWriter& entries = *cache_.entries_;
    const std::string sha256 = sha256_;
    try {
        const ArchiveMember* record = archive.find(dist_info_dir + "/RECORD");
        if (record == nullptr) {
            fail(fmt::format("{} has no {}/RECORD", wheel_.string(), dist_info_dir));
        }
        if (problem_.empty()) {
            start_member(*record);
            write(archive.read_all(*record));
        }
        if (problem_.empty()) {
            pack_->commit();
            // Numbered as the manifest lists them (the pack's order).
            for (std::size_t position = 0; position < members_.size(); ++position) {
                members_[position].index = position;
            }
            // The manifest is written last: an entry without a whole one is damaged.
            entries.write_file(temporary_ + "/" + unpacked_manifest_name,
                               format_unpacked_manifest(sha256, members_), 0444, Existing::Refuse);
            // The sha256 was taken (or remembered) for the file with this identity.
            if (!same_file(platform::file_identity(wheel_), wheel_identity_)) {
                fail(fmt::format("{} changed while it was unpacked", wheel_.string()));
            }
        }
        if (problem_.empty()) {
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
    if (!problem_.empty()) {
        return false; // discarded by the destructor
    }
    entries.forget_folders_under(temporary_);
    published_ = entries.type_of(temporary_) == platform::PathType::Missing;
    print_verbose(fmt::format("unpacked {} into the cache ({})", wheel_.string(),
                              entries.shown_path(sha256).string()));
    return true;
}

void WheelCache::discard(const std::string& name) {
    make_tree_writable(*entries_, name);
    entries_->remove_tree(name);
}

void WheelCache::sweep_leftovers() {
    for (const std::string& name : entries_->list_folder("")) {
        if (is_abandoned(name)) {
            discard(name);
        }
    }
}

WheelCacheSummary summarize_cache(const fs::path& root) {
    WheelCacheSummary summary;
    summary.root = root;
    platform::PathType type = platform::PathType::Missing;
    if (platform::path_type_of_target(root, type) != 0 || type != platform::PathType::Directory) {
        return summary;
    }
    summary.exists = true;
    TreeWriter reader(root);
    for (const char* folder : {wheels_folder, interpreters_folder}) {
        for (const std::string& name : reader.list_folder(folder)) {
            if (folder == wheels_folder && is_sha256_hex(name)) {
                ++summary.wheel_entries;
            } else {
                ++summary.other_entries;
            }
        }
    }
    summary.bytes = disk_usage(root);
    return summary;
}

std::size_t clean_cache(const fs::path& root) {
    platform::PathType type = platform::PathType::Missing;
    if (platform::path_type_of_link(root, type) != 0 || type == platform::PathType::Missing) {
        return 0;
    }
    if (type == platform::PathType::Symlink) {
        throw Error(fmt::format("refusing to clean the cache {}: it is a symlink; clean the "
                                "folder it points to instead",
                                root.string()));
    }
    platform::OpenDirectory top(platform::open_directory(root, platform::FinalSymlink::Refuse));
    platform::EntryIdentity identity;
    if (!top || platform::identity_of(top.get(), identity) != 0 ||
        identity.type != platform::PathType::Directory ||
        identity.owner != platform::current_user_id()) {
        throw Error(fmt::format("refusing to clean the cache {}: it is not a folder of yours",
                                root.string()));
    }
    TreeWriter writer(root);
    platform::DirectoryLock lock; // no create unpacks meanwhile
    if (writer.type_of(wheels_folder) == platform::PathType::Directory) {
        lock.lock(root / wheels_folder);
    }
    std::size_t removed = 0;
    for (const char* folder : {wheels_folder, interpreters_folder}) {
        if (writer.type_of(folder) != platform::PathType::Directory) {
            continue;
        }
        for (const std::string& name : writer.list_folder(folder)) {
            const std::string relative = std::string(folder) + "/" + name;
            const bool recognised =
                folder == wheels_folder
                    ? is_sha256_hex(name) || name == digests_folder ||
                          starts_with(name, temporary_prefix) || starts_with(name, damaged_prefix)
                    : name.size() > 5 && name.compare(name.size() - 5, 5, ".json") == 0;
            if (!recognised) {
                continue; // not ours: left alone
            }
            make_tree_writable(writer, relative);
            if (!writer.remove_tree(relative)) {
                throw_system_error("cannot remove", writer.shown_path(relative));
            }
            ++removed;
        }
        writer.remove_empty_folder(folder);
    }
    return removed;
}

} // namespace cppvenv
