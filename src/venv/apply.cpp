#include "venv/apply.hpp"

#include "util/atomic_file.hpp"
#include "util/error.hpp"
#include "util/file_system.hpp"

#include <boost/filesystem/directory.hpp>
#include <boost/filesystem/operations.hpp>
#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <fmt/format.h>
#include <random>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace cppvenv {
namespace fs = boost::filesystem;

namespace {

const std::string staging_marker = ".cppvenv-staging-";

enum class Placement { Fresh, Atomic };

void make_directory(const fs::path& path) {
    if (::mkdir(path.c_str(), 0777) == 0) {
        return;
    }
    if (errno == EEXIST) {
        struct stat info {};
        if (::lstat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode)) {
            return;
        }
        throw Error(
            fmt::format("cannot create directory {}: something else is there", path.string()));
    }
    throw_system_error("cannot create directory", path);
}

void make_symlink(const std::string& link_target, const fs::path& path, Placement placement) {
    if (placement == Placement::Fresh) {
        if (::symlink(link_target.c_str(), path.c_str()) != 0) {
            throw_system_error("cannot create symlink", path);
        }
        return;
    }
    fs::path temporary =
        path.parent_path() / fmt::format(".{}.tmp-{}", path.filename().string(), ::getpid());
    ::unlink(temporary.c_str());
    if (::symlink(link_target.c_str(), temporary.c_str()) != 0) {
        throw_system_error("cannot create symlink", path);
    }
    if (::rename(temporary.c_str(), path.c_str()) != 0) {
        ::unlink(temporary.c_str());
        throw_system_error("cannot replace", path);
    }
}

void write_contents(const fs::path& path, std::string_view contents, unsigned mode) {
    AtomicFile file(path, mode);
    file.write(contents);
    file.commit();
}

void copy_contents(const fs::path& source, const fs::path& path, unsigned mode) {
    int in = ::open(source.c_str(), O_RDONLY | O_CLOEXEC);
    if (in < 0) {
        throw_system_error("cannot read", source);
    }
    AtomicFile file(path, mode);
    char buffer[1 << 16];
    for (;;) {
        ssize_t got = ::read(in, buffer, sizeof buffer);
        if (got < 0 && errno == EINTR) {
            continue;
        }
        if (got < 0) {
            int saved = errno;
            ::close(in);
            errno = saved;
            throw_system_error("cannot read", source);
        }
        if (got == 0) {
            break;
        }
        file.write(std::string_view(buffer, static_cast<size_t>(got)));
    }
    ::close(in);
    file.commit();
}

void write_entry(const PlanEntry& entry, const fs::path& root, Placement placement) {
    const fs::path path = root / entry.relative_path;
    switch (entry.kind) {
    case EntryKind::Directory:
        make_directory(path);
        break;
    case EntryKind::File:
        write_contents(path, entry.contents, entry.mode);
        break;
    case EntryKind::Symlink:
        make_symlink(entry.link_target, path, placement);
        break;
    case EntryKind::Copy:
        copy_contents(entry.copy_source, path, entry.mode);
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
                                                   staging_marker, ::getpid(), random());
        if (::mkdir(path_.c_str(), 0777) != 0) {
            throw_system_error("cannot create directory", path_);
        }
        lock_fd_ = ::open(path_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (lock_fd_ >= 0) {
            ::flock(lock_fd_, LOCK_EX);
        }
    }
    StagingDir(const StagingDir&) = delete;
    StagingDir& operator=(const StagingDir&) = delete;
    ~StagingDir() {
        boost::system::error_code ignored;
        fs::remove_all(path_, ignored);
        if (lock_fd_ >= 0) {
            ::close(lock_fd_);
        }
    }
    const fs::path& path() const { return path_; }

private:
    fs::path path_;
    int lock_fd_ = -1;
};

int rename_with_flags(const fs::path& from, const fs::path& to, unsigned flags) {
    return ::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), flags);
}

ApplyOutcome apply_fresh(const Plan& plan, const fs::path& target,
                         const BeforeConfigHook& before_config) {
    StagingDir staging(target);
    build_into(plan, staging.path(), Placement::Fresh, before_config);
    if (rename_with_flags(staging.path(), target, RENAME_NOREPLACE) == 0) {
        return ApplyOutcome::Done;
    }
    if (errno == EEXIST || errno == ENOTEMPTY) {
        return ApplyOutcome::TargetAppeared;
    }
    if (errno == EINVAL) { // a file system without RENAME_NOREPLACE
        if (fs::exists(target)) {
            return ApplyOutcome::TargetAppeared;
        }
        if (::rename(staging.path().c_str(), target.c_str()) == 0) {
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
    if (rename_with_flags(staging.path(), target, RENAME_EXCHANGE) == 0) {
        return ApplyOutcome::Done;
    }
    if (errno != EINVAL) {
        throw_system_error("cannot move the new venv into place at", target);
    }
    fs::path aside = staging.path().string() + "-old";
    if (::rename(target.c_str(), aside.c_str()) != 0) {
        throw_system_error("cannot move the old venv aside at", target);
    }
    if (::rename(staging.path().c_str(), target.c_str()) != 0) {
        int saved = errno;
        ::rename(aside.c_str(), target.c_str());
        errno = saved;
        throw_system_error("cannot move the new venv into place at", target);
    }
    boost::system::error_code ignored;
    fs::remove_all(aside, ignored);
    return ApplyOutcome::Done;
}

bool process_is_alive(const std::string& pid_text) {
    try {
        pid_t pid = static_cast<pid_t>(std::stol(pid_text));
        return pid > 0 && (::kill(pid, 0) == 0 || errno == EPERM);
    } catch (const std::exception&) {
        return false;
    }
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
        int fd = ::open(it->path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
        if (fd < 0) {
            continue;
        }
        if (::flock(fd, LOCK_EX | LOCK_NB) == 0) {
            boost::system::error_code ignored;
            fs::remove_all(it->path(), ignored);
        }
        ::close(fd);
    }
}

} // namespace cppvenv
