#include "venv/apply.hpp"

#include "util/atomic_file.hpp"
#include "util/error.hpp"
#include "util/file_system.hpp"
#include "util/interrupts.hpp"
#include "util/platform.hpp"
#include "venv/aside_folder.hpp"
#include "venv/venv_entries.hpp"

#include <boost/filesystem/directory.hpp>
#include <boost/filesystem/operations.hpp>
#include <cerrno>
#include <cstring>
#include <fmt/format.h>
#include <optional>

namespace cppvenv {
namespace fs = boost::filesystem;

namespace {

enum class Placement { Fresh, Atomic };

void make_directory(const fs::path& path) {
    if (platform::make_directory(path) == 0) {
        return;
    }
    if (errno == EEXIST) {
        platform::PathType type = platform::PathType::Missing;
        if (platform::path_type_of_link(path, type) == 0 && type == platform::PathType::Directory) {
            return;
        }
        throw Error(
            fmt::format("cannot create directory {}: something else is there", path.string()));
    }
    throw_system_error("cannot create directory", path);
}

void copy_contents(const fs::path& source, const fs::path& path, unsigned mode,
                   Placement placement);

// Windows lets only elevated users (or Developer Mode) create symlinks; CPython's
// venv then copies the file instead, and so does this. POSIX never falls back.
bool copied_because_symlink_refused(const std::string& link_target, const fs::path& path) {
#ifdef _WIN32
    if (errno == EPERM) {
        const fs::path target(link_target);
        copy_contents(target.is_absolute() ? target : path.parent_path() / target, path, 0755,
                      Placement::Atomic);
        return true;
    }
#else
    (void)link_target;
    (void)path;
#endif
    return false;
}

void make_symlink(const std::string& link_target, const fs::path& path, Placement placement) {
    if (placement == Placement::Fresh) {
        if (platform::make_symlink(link_target, path) != 0 &&
            !copied_because_symlink_refused(link_target, path)) {
            throw_system_error("cannot create symlink", path);
        }
        return;
    }
    fs::path temporary = path.parent_path() / fmt::format(".{}.tmp-{}", path.filename().string(),
                                                          platform::current_process_id());
    platform::remove_file(temporary);
    if (platform::make_symlink(link_target, temporary) != 0) {
        if (copied_because_symlink_refused(link_target, path)) {
            return; // copy_contents already replaced `path` atomically
        }
        throw_system_error("cannot create symlink", path);
    }
    if (platform::rename_replacing(temporary, path) != 0) {
        platform::remove_file(temporary);
        throw_system_error("cannot replace", path);
    }
}

// A file written in place: straight into a fresh staging folder, where nothing
// else can see it before the folder is renamed (so no temporary name and rename
// per file), or through AtomicFile into a live venv.
class EntryFile {
public:
    EntryFile(const fs::path& path, unsigned mode, Placement placement) : path_(path) {
        if (placement == Placement::Atomic) {
            atomic_.emplace(path, mode);
            return;
        }
        descriptor_ = platform::create_new_file(path, mode);
        if (descriptor_ < 0) {
            throw_system_error("cannot create", path);
        }
    }
    EntryFile(const EntryFile&) = delete;
    EntryFile& operator=(const EntryFile&) = delete;
    ~EntryFile() {
        if (descriptor_ >= 0) {
            platform::close_file(descriptor_); // the staging folder goes as a whole
        }
    }

    void write(std::string_view data) {
        if (atomic_) {
            atomic_->write(data);
            return;
        }
        while (!data.empty()) {
            const long written = platform::write_to(descriptor_, data.data(), data.size());
            if (written < 0 && errno == EINTR) {
                continue;
            }
            if (written < 0) {
                throw_system_error("cannot write", path_);
            }
            data.remove_prefix(static_cast<size_t>(written));
        }
    }

    void commit() {
        if (atomic_) {
            atomic_->commit();
            return;
        }
        const int descriptor = descriptor_;
        descriptor_ = -1;
        if (platform::close_file(descriptor) != 0) {
            throw_system_error("cannot write", path_);
        }
    }

private:
    const fs::path& path_;
    std::optional<AtomicFile> atomic_;
    int descriptor_ = -1;
};

void write_contents(const fs::path& path, std::string_view contents, unsigned mode,
                    Placement placement) {
    EntryFile file(path, mode, placement);
    file.write(contents);
    file.commit();
}

void copy_contents(const fs::path& source, const fs::path& path, unsigned mode,
                   Placement placement) {
    int in = platform::open_for_reading(source);
    if (in < 0) {
        throw_system_error("cannot read", source);
    }
    EntryFile file(path, mode, placement);
    char buffer[1 << 16];
    for (;;) {
        long got = platform::read_from(in, buffer, sizeof buffer);
        if (got < 0 && errno == EINTR) {
            continue;
        }
        if (got < 0) {
            int saved = errno;
            platform::close_file(in);
            errno = saved;
            throw_system_error("cannot read", source);
        }
        if (got == 0) {
            break;
        }
        file.write(std::string_view(buffer, static_cast<size_t>(got)));
    }
    platform::close_file(in);
    file.commit();
}

void write_entry(const PlanEntry& entry, const fs::path& root, Placement placement) {
    const fs::path path = root / entry.relative_path;
    switch (entry.kind) {
    case EntryKind::Directory:
        make_directory(path);
        break;
    case EntryKind::File:
        write_contents(path, entry.contents, entry.mode, placement);
        break;
    case EntryKind::Symlink:
        make_symlink(entry.link_target, path, placement);
        break;
    case EntryKind::Copy:
        copy_contents(entry.copy_source, path, entry.mode, placement);
        break;
    }
}

bool is_config(const PlanEntry& entry) {
    return entry.relative_path == "pyvenv.cfg";
}

void build_into(const Plan& plan, const fs::path& root, Placement placement,
                const BeforeConfigHook& before_config) {
    for (const PlanEntry& entry : plan.entries) {
        throw_if_interrupted();
        if (!is_config(entry)) {
            write_entry(entry, root, placement);
        }
    }
    if (before_config) {
        before_config(root);
    }
    throw_if_interrupted();
    // Python treats a folder as a venv once pyvenv.cfg exists: write it last.
    for (const PlanEntry& entry : plan.entries) {
        if (is_config(entry)) {
            write_entry(entry, root, placement);
        }
    }
}

// Runs `work`, which builds into `staging`: an error names the venv path the
// user gave, never the hidden staging folder.
template <typename Work>
void naming_target(const AsideFolder& staging, const ApplyTarget& target, Work work) {
    try {
        work();
    } catch (const Interrupted&) {
        throw;
    } catch (const Error& error) {
        std::string message = error.what();
        for (const std::string& hidden : {staging.venv_path().string(), staging.path().string()}) {
            for (std::string::size_type at = message.find(hidden); at != std::string::npos;
                 at = message.find(hidden, at + target.shown.size())) {
                message.replace(at, hidden.size(), target.shown);
            }
        }
        throw Error(message);
    }
}

// Opens the target and checks it is still the venv inspect_target saw: the same
// folder (device and inode) with a pyvenv.cfg in it. Throws otherwise.
platform::OpenDirectory open_inspected_venv(const fs::path& path, const ApplyTarget& target,
                                            TopLevelEntries& entries) {
    platform::OpenDirectory directory(
        platform::open_directory(path, platform::FinalSymlink::Refuse));
    platform::EntryIdentity identity;
    if (directory && platform::identity_of(directory.get(), identity) == 0 &&
        identity.device == target.inspected.device && identity.inode == target.inspected.inode) {
        entries = classify_top_level(directory.get(), target.shown);
        if (entries.has_config) {
            return directory;
        }
    }
    throw Error(fmt::format("{} changed while cppvenv was replacing it (it is no longer the venv "
                            "that was there); nothing was deleted: run the command again",
                            target.shown));
}

ApplyOutcome apply_fresh(const Plan& plan, const ApplyTarget& target,
                         const BeforeConfigHook& before_config) {
    AsideFolder staging(target.path, AsideKind::Staging, target.shown);
    naming_target(staging, target,
                  [&] { build_into(plan, staging.venv_path(), Placement::Fresh, before_config); });
    throw_if_interrupted(fmt::format("{} was not created", target.shown));
    if (platform::rename_no_replace(staging.venv_path(), target.path) == 0) {
        return ApplyOutcome::Done;
    }
    if (errno == EEXIST || errno == ENOTEMPTY) {
        return ApplyOutcome::TargetAppeared;
    }
    if (errno == EINVAL) { // a file system without RENAME_NOREPLACE
        if (fs::exists(target.path)) {
            return ApplyOutcome::TargetAppeared;
        }
        if (platform::rename_replacing(staging.venv_path(), target.path) == 0) {
            return ApplyOutcome::Done;
        }
    }
    throw Error(fmt::format("cannot move the new venv into place at {}: {}", target.shown,
                            std::strerror(errno)));
}

// --clear of a folder that holds only a venv: build the new one beside it, swap
// them in one step, delete the old one's entries.
ApplyOutcome apply_replace(const Plan& plan, const ApplyTarget& target,
                           const BeforeConfigHook& before_config) {
    AsideFolder staging(target.path, AsideKind::Staging, target.shown);
    naming_target(staging, target,
                  [&] { build_into(plan, staging.venv_path(), Placement::Fresh, before_config); });
    throw_if_interrupted(fmt::format("nothing was changed at {}", target.shown));
    TopLevelEntries entries;
    open_inspected_venv(target.path, target, entries);
    if (!entries.other.empty()) {
        throw Error(fmt::format("{} changed while cppvenv was replacing it ({} appeared); nothing "
                                "was deleted: run the command again",
                                target.shown, entries.other.front()));
    }
    // At every moment the target holds a whole venv. The old one now sits in
    // the staging folder, which the destructor deletes.
    if (platform::exchange_paths(staging.venv_path(), target.path) != 0) {
        if (errno != EINVAL) {
            throw Error(fmt::format("cannot move the new venv into place at {}: {}", target.shown,
                                    std::strerror(errno)));
        }
        const fs::path aside = staging.path() / "old";
        if (platform::rename_replacing(target.path, aside) != 0) {
            throw Error(fmt::format("cannot move the old venv aside at {}: {}", target.shown,
                                    std::strerror(errno)));
        }
        if (platform::rename_replacing(staging.venv_path(), target.path) != 0) {
            const int saved = errno;
            platform::rename_replacing(aside, target.path);
            throw Error(fmt::format("cannot move the new venv into place at {}: {}", target.shown,
                                    std::strerror(saved)));
        }
        return ApplyOutcome::Done;
    }
    // Whatever reached the old folder between the check and the swap is not the
    // venv's: swap back rather than delete it.
    open_inspected_venv(staging.venv_path(), target, entries);
    if (!entries.other.empty()) {
        platform::exchange_paths(staging.venv_path(), target.path);
        throw Error(fmt::format("{} changed while cppvenv was replacing it ({} appeared); nothing "
                                "was deleted: run the command again",
                                target.shown, entries.other.front()));
    }
    return ApplyOutcome::Done;
}

// --clear of a venv that shares its folder with other files, or is a mount
// point: delete only the venv's own entries (pyvenv.cfg stays until the new one
// replaces it, so a kill leaves something `check` and a re-run recognise), then
// write the new venv in place.
ApplyOutcome apply_clear_in_place(const Plan& plan, const ApplyTarget& target,
                                  const BeforeConfigHook& before_config) {
    TopLevelEntries entries;
    platform::OpenDirectory directory = open_inspected_venv(target.path, target, entries);
    remove_venv_entries(directory.get(), entries, ConfigFile::Keep, target.shown);
    build_into(plan, target.path, Placement::Atomic, before_config);
    return ApplyOutcome::Done;
}

} // namespace

ApplyOutcome apply_plan(const Plan& plan, const ApplyTarget& target, ApplyMode mode,
                        const BeforeConfigHook& before_config) {
    switch (mode) {
    case ApplyMode::Fresh:
        return apply_fresh(plan, target, before_config);
    case ApplyMode::Replace:
        return apply_replace(plan, target, before_config);
    case ApplyMode::ClearInPlace:
        return apply_clear_in_place(plan, target, before_config);
    case ApplyMode::InPlace:
        build_into(plan, target.path, Placement::Atomic, before_config);
        return ApplyOutcome::Done;
    }
    return ApplyOutcome::Done;
}

void remove_stale_staging_dirs(const fs::path& parent) {
    for (const std::string& name : abandoned_aside_folders(parent, AsideKind::Staging, "")) {
        remove_aside_folder(parent, name);
    }
}

} // namespace cppvenv
