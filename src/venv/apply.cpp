#include "venv/apply.hpp"

#include "util/atomic_file.hpp"
#include "util/error.hpp"
#include "util/file_system.hpp"
#include "util/platform.hpp"

#include <boost/filesystem/directory.hpp>
#include <boost/filesystem/operations.hpp>
#include <cerrno>
#include <fmt/format.h>
#include <optional>
#include <random>

namespace cppvenv {
namespace fs = boost::filesystem;

namespace {

const std::string staging_marker = ".cppvenv-staging-";

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
        if (!is_config(entry)) {
            write_entry(entry, root, placement);
        }
    }
    if (before_config) {
        before_config(root);
    }
    // Python treats a folder as a venv once pyvenv.cfg exists: write it last.
    for (const PlanEntry& entry : plan.entries) {
        if (is_config(entry)) {
            write_entry(entry, root, placement);
        }
    }
}

// A folder beside the target, locked while we live so that a later run can tell
// it from one a killed process left behind.
class StagingDir {
public:
    explicit StagingDir(const fs::path& target) {
        std::random_device random;
        path_ = target.parent_path() / fmt::format(".{}{}{}-{:08x}", target.filename().string(),
                                                   staging_marker, platform::current_process_id(),
                                                   random());
        if (platform::make_directory(path_) != 0) {
            throw_system_error("cannot create directory", path_);
        }
        lock_.lock(path_);
    }
    StagingDir(const StagingDir&) = delete;
    StagingDir& operator=(const StagingDir&) = delete;
    ~StagingDir() {
        boost::system::error_code ignored;
        fs::remove_all(path_, ignored);
    }
    const fs::path& path() const { return path_; }

private:
    platform::DirectoryLock lock_; // declared first: released after the folder is gone
    fs::path path_;
};

ApplyOutcome apply_fresh(const Plan& plan, const fs::path& target,
                         const BeforeConfigHook& before_config) {
    StagingDir staging(target);
    build_into(plan, staging.path(), Placement::Fresh, before_config);
    if (platform::rename_no_replace(staging.path(), target) == 0) {
        return ApplyOutcome::Done;
    }
    if (errno == EEXIST || errno == ENOTEMPTY) {
        return ApplyOutcome::TargetAppeared;
    }
    if (errno == EINVAL) { // a file system without RENAME_NOREPLACE
        if (fs::exists(target)) {
            return ApplyOutcome::TargetAppeared;
        }
        if (platform::rename_replacing(staging.path(), target) == 0) {
            return ApplyOutcome::Done;
        }
    }
    throw_system_error("cannot move the new venv into place at", target);
}

ApplyOutcome apply_replace(const Plan& plan, const fs::path& target,
                           const BeforeConfigHook& before_config) {
    StagingDir staging(target);
    build_into(plan, staging.path(), Placement::Fresh, before_config);
    // Swap in one step: at every moment the target holds a whole venv. The old
    // one now sits at the staging path, which the destructor deletes.
    if (platform::exchange_paths(staging.path(), target) == 0) {
        return ApplyOutcome::Done;
    }
    if (errno != EINVAL) {
        throw_system_error("cannot move the new venv into place at", target);
    }
    fs::path aside = staging.path().string() + "-old";
    if (platform::rename_replacing(target, aside) != 0) {
        throw_system_error("cannot move the old venv aside at", target);
    }
    if (platform::rename_replacing(staging.path(), target) != 0) {
        int saved = errno;
        platform::rename_replacing(aside, target);
        errno = saved;
        throw_system_error("cannot move the new venv into place at", target);
    }
    boost::system::error_code ignored;
    fs::remove_all(aside, ignored);
    return ApplyOutcome::Done;
}

bool process_is_alive(const std::string& pid_text) {
    const std::optional<long> process_id = platform::parse_process_id(pid_text);
    return process_id && platform::process_is_alive(*process_id);
}

} // namespace

ApplyOutcome apply_plan(const Plan& plan, const fs::path& target, ApplyMode mode,
                        const BeforeConfigHook& before_config) {
    switch (mode) {
    case ApplyMode::Fresh:
        return apply_fresh(plan, target, before_config);
    case ApplyMode::Replace:
        return apply_replace(plan, target, before_config);
    case ApplyMode::InPlace:
        build_into(plan, target, Placement::Atomic, before_config);
        return ApplyOutcome::Done;
    }
    return ApplyOutcome::Done;
}

void remove_stale_staging_dirs(const fs::path& parent) {
    boost::system::error_code error;
    for (fs::directory_iterator it(parent, error), end; !error && it != end; it.increment(error)) {
        const std::string name = it->path().filename().string();
        std::string::size_type marker = name.find(staging_marker);
        if (name.empty() || name[0] != '.' || marker == std::string::npos) {
            continue;
        }
        // Ours only if the process that made it is gone and nobody holds its lock.
        std::string pid = name.substr(marker + staging_marker.size());
        pid = pid.substr(0, pid.find('-'));
        if (process_is_alive(pid)) {
            continue;
        }
        platform::DirectoryLock lock;
        if (lock.try_lock(it->path())) {
            boost::system::error_code ignored;
            fs::remove_all(it->path(), ignored);
        }
    }
}

} // namespace cppvenv
