// The cache of unpacked wheels: made once per wheel, checked on every use.
#include "seed/wheel_cache.hpp"

#include "python/facts_cache.hpp"
#include "seed/bytecode_compiling.hpp"
#include "seed/record_hash.hpp"
#include "seed/wheel_cache_folders.hpp"
#include "seed/wheel_contents.hpp"
#include "util/cache_directory.hpp"
#include "util/error.hpp"
#include "util/file_system.hpp"
#include "util/output.hpp"
#include "util/private_folder.hpp"

#include <cerrno>
#include <cstring>
#include <fmt/format.h>

namespace cppvenv {
namespace fs = boost::filesystem;
using namespace wheel_cache_folders;

namespace {

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

} // namespace

WheelCache::WheelCache(const fs::path& root) : root_(root) {
    // Nothing is made or read before the whole way to the cache is known to
    // be this user's (a folder another user may write, or a symlink they own,
    // would let them choose what a venv runs). From here on the folder is named
    // by its real path, which no other user can redirect: symlink mode's links
    // name it.
    std::optional<PrivateFolder> top = open_private_folder(root, problem_);
    if (!top) {
        return;
    }
    root_ = top->real_path;
    platform::EntryIdentity wheels_identity;
    if (platform::make_directory_at(top->descriptor.get(), wheels_folder, 0755) != 0 &&
        errno != EEXIST) {
        problem_ = fmt::format("cannot create {}: {}", (root_ / wheels_folder).string(),
                               std::strerror(errno));
        return;
    }
    if (platform::identity_at(top->descriptor.get(), wheels_folder, wheels_identity) != 0 ||
        !is_private_folder(wheels_identity)) {
        problem_ = fmt::format("{} is not a folder of yours that only you may write to",
                               (root_ / wheels_folder).string());
        return;
    }
    const int wheels = platform::open_directory_at(top->descriptor.get(), wheels_folder);
    if (wheels < 0) {
        problem_ = fmt::format("cannot open {}: {}", (root_ / wheels_folder).string(),
                               std::strerror(errno));
        return;
    }
    entries_ = std::make_unique<TreeWriter>(TreeWriter::OpenRoot{wheels, root_ / wheels_folder});
    entries_->limit_new_folder_mode(0755);
    lasts_only_with_ = top->lasts_only_with;
}

std::string WheelCache::wheel_sha256(const fs::path& wheel) {
    const std::optional<platform::FileIdentity> identity = platform::file_identity(wheel);
    if (!identity) {
        throw_system_error("cannot read the wheel", wheel);
    }
    const std::string memo = std::string(digests_folder) + "/" + stable_digest(wheel.string());
    const std::string key = fmt::format("{}\n{} {} {} {}\n", wheel.string(), identity->size,
                                        identity->mtime_ns, identity->ctime_ns, identity->inode);
    // A note is trusted only in a folder no other user may write (an older
    // cppvenv made it as the umask said).
    platform::EntryIdentity notes;
    const int notes_folder = entries_->open_folder(digests_folder);
    const bool notes_trusted =
        notes_folder < 0 ||
        (platform::identity_of(notes_folder, notes) == 0 && is_private_folder(notes));
    if (std::optional<std::string> known = notes_trusted ? entries_->read_file(memo) : std::nullopt;
        known && known->size() == key.size() + 65 && known->compare(0, key.size(), key) == 0 &&
        is_sha256_hex(known->substr(key.size(), 64))) {
        return known->substr(key.size(), 64);
    }
    const std::string sha256 = sha256_of_file(wheel);
    try {
        if (!notes_trusted) {
            return sha256;
        }
        entries_->write_file(memo, key + sha256 + "\n", 0644, Existing::Replace);
    } catch (const Error&) {
        // Not remembering it only costs reading the wheel again next time.
    }
    return sha256;
}

std::optional<UnpackedWheel> WheelCache::find(const fs::path& wheel, const std::string& sha256,
                                              MemberFiles files) {
    std::string problem;
    std::optional<UnpackedWheel> entry;
    if (kept_ && kept_->sha256() == sha256 && kept_->path() == wheel) {
        entry.emplace(std::move(*kept_));
        kept_.reset();
    } else {
        entry = UnpackedWheel::open(*entries_, sha256, wheel, problem);
    }
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
    if (!lock.lock(root_ / wheels_folder)) {
        throw_system_error("cannot lock the wheel cache", root_ / wheels_folder);
    }
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
        make_member_tree(*entry, sha256, unpacked_files_folder, nullptr);
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
    NewEntry entry(*this, wheel, sha256); // entry_for holds the lock
    entry.begin();
    entry.lay_out(archive, contents);
    for (const WheelFile& file : contents.files) {
        const ArchiveMember& member = *file.member;
        RecordHasher hasher(hash_algorithm_of(file.expected_hash));
        std::uint64_t offset = 0;
        archive.read(member, [&](std::string_view chunk) {
            hasher.update(chunk);
            entry.write(member, offset, chunk);
            offset += chunk.size();
        });
        if (hasher.finish() != file.expected_hash) {
            throw Error(fmt::format("{}: {} does not match its hash in RECORD", wheel.string(),
                                    member.name));
        }
    }
    if (!entry.publish(archive)) {
        throw Error(entry.problem());
    }
}

UnpackedWheel WheelCache::compiled_entry(const fs::path& wheel, const std::string& sha256,
                                         const BytecodeCompiler& compiler) {
    UnpackedWheel entry = entry_for(wheel, sha256, MemberFiles::NotNeeded);
    const std::string tree = compiled_tree_name(compiler.tag);
    std::string problem;
    if (!entry.has_member_tree(tree, problem)) {
        // One process compiles at a time; the others wait here, then find the tree.
        platform::DirectoryLock lock;
        if (!lock.lock(root_ / wheels_folder)) {
            throw_system_error("cannot lock the wheel cache", root_ / wheels_folder);
        }
        entries_->forget_folders_under(sha256);
        if (!entry.has_member_tree(tree, problem)) {
            make_member_tree(entry, sha256, tree, &compiler);
            if (!entry.has_member_tree(tree, problem)) {
                throw Error(fmt::format("the compiled files of {} in {} are unusable right after "
                                        "making them ({})",
                                        wheel.string(), entries_->shown_path(sha256).string(),
                                        problem));
            }
        }
    }
    entry.use_member_tree(tree);
    return entry;
}

// The members as files, from the pack (files/: what hard links and clones use),
// or with one Python's bytecode (a compiled tree: what symlinks use).
void WheelCache::make_member_tree(UnpackedWheel& entry, const std::string& sha256,
                                  const std::string& tree, const BytecodeCompiler* compiler) {
    const std::string published = sha256 + "/" + tree;
    const std::string what = compiler == nullptr ? "files" : "compiled files (" + tree + ")";
    const std::string temporary = unique_name(temporary_prefix);
    // The entry's folder is writable (by this user only) while the tree is put in
    // it, and read-only again whatever happens.
    try {
        entries_->set_folder_mode(sha256, 0700);
        if (entries_->type_of(published) != platform::PathType::Missing) {
            std::string problem;
            entry.has_member_tree(tree, problem);
            print_verbose(fmt::format("the cached {} of {} cannot be used ({}); making them again",
                                      what, entry.path().string(), problem));
            discard(published);
            entries_->forget_folders_under(published);
        }
        sweep_leftovers();
        entries_->make_folders(temporary);
        CopyState state; // clones share the pack's blocks where the file system can
        for (const ArchiveMember& member : entry.members()) {
            TreeWriter::Output output =
                entries_->open_file(temporary + "/" + member.name,
                                    member.is_executable ? 0555 : 0444, Existing::Refuse);
            output.fill_from(entry.pack(), entry.range_of(member), state);
            output.commit();
        }
        if (compiler != nullptr) {
            print_verbose(fmt::format("compiling the bytecode of {} for {} (once, for symlinked "
                                      "venvs)",
                                      entry.path().string(), compiler->tag));
            compile_bytecode(compiler->python, entries_->shown_path(temporary),
                             entries_->shown_path(published));
        }
        // The folder that moves keeps its write permission until it has moved:
        // moving a folder to another parent rewrites its "..", which needs it.
        for (const std::string& name : entries_->list_folder(temporary)) {
            if (entries_->type_of(temporary + "/" + name) == platform::PathType::Directory) {
                make_tree_read_only(*entries_, temporary + "/" + name);
            }
        }
        if (platform::rename_at(entries_->open_folder(""), temporary, entries_->open_folder(sha256),
                                tree) != 0) {
            throw_system_error("cannot publish the cached files", entries_->shown_path(published));
        }
        entries_->forget_folders_under(temporary);
        entries_->set_folder_mode(published, 0555);
        entries_->set_folder_mode(sha256, 0555);
    } catch (...) {
        try {
            entries_->set_folder_mode(sha256, 0555);
            discard(temporary);
        } catch (...) {
            // A leftover is swept by a later create; the first error is the one to say.
        }
        throw;
    }
    print_verbose(fmt::format("unpacked the {} of {} in the cache ({})", what,
                              entry.path().string(), entries_->shown_path(published).string()));
}

std::unique_ptr<WheelCache::NewEntry>
WheelCache::start_entry(const fs::path& wheel, const std::string& sha256, bool& busy) {
    std::unique_ptr<NewEntry> entry(new NewEntry(*this, wheel, sha256));
    busy = !entry->lock_.try_lock(root_ / wheels_folder);
    if (busy) {
        return nullptr;
    }
    entries_->forget_folders_under(sha256);
    std::string problem;
    if (UnpackedWheel::open(*entries_, sha256, wheel, problem) ||
        entries_->type_of(sha256) != platform::PathType::Missing) {
        return nullptr; // made meanwhile by another process, or damaged: entry_for's work
    }
    try {
        entry->begin();
        return entry;
    } catch (const Error& error) {
        print_verbose(
            fmt::format("not keeping {} in the wheel cache: {}", wheel.string(), error.what()));
        return nullptr;
    }
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

} // namespace cppvenv
