// A folder that no other user can change, nor anything on the way to it (POSIX:
// owners and modes, walked from "/" with openat and O_NOFOLLOW).
#ifndef _WIN32

#include "util/private_folder.hpp"

#include <cerrno>
#include <cstring>
#include <deque>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace cppvenv {
namespace fs = boost::filesystem;

namespace {

constexpr int max_symlinks = 40; // as the kernel's own limit on a path

// Folders on the way are opened only to look and to go on: O_PATH where there
// is one, so a folder this user may pass through but not list (0711) does.
#ifdef O_PATH
constexpr int walk_flags = O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
#else
constexpr int walk_flags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
#endif

int open_walked(int directory, const char* name) {
    return ::openat(directory, name, walk_flags);
}

// Group write counts as others': a group's members are not all in the group
// file (a user whose primary group it is), and with an ACL the group bits are
// the mask that named users' entries are granted through.
bool writable_by_others(const struct stat& info) {
    return (info.st_mode & (S_IWGRP | S_IWOTH)) != 0;
}

bool owned_by_user_or_root(const struct stat& info) {
    return info.st_uid == 0 || info.st_uid == ::geteuid();
}

std::string mode_text(const struct stat& info) {
    return fmt::format("{:04o}", static_cast<unsigned>(info.st_mode & 07777));
}

// The walk: `folder` is open on `real`, whose trust is known.
class Walk {
public:
    explicit Walk(std::string& problem) : problem_(problem) {}

    std::optional<PrivateFolder> run(const fs::path& path) {
        if (path.native().empty() || path.native()[0] != '/') {
            problem_ = fmt::format("{} is not an absolute path", path.string());
            return std::nullopt;
        }
        push_front(path);
        if (!restart_at_root()) {
            return std::nullopt;
        }
        while (!parts_.empty()) {
            const std::string name = parts_.front();
            parts_.pop_front();
            if (name.empty() || name == "." || name == "/") {
                continue;
            }
            if (!(name == ".." ? step_up() : step_into(name))) {
                return std::nullopt;
            }
        }
        return finish();
    }

private:
    // Split at every '/' (Boost would take "//name" for a root name).
    void push_front(const fs::path& path) {
        std::vector<std::string> names;
        const std::string& text = path.native();
        for (std::size_t start = 0; start <= text.size();) {
            std::size_t end = text.find('/', start);
            end = end == std::string::npos ? text.size() : end;
            names.push_back(text.substr(start, end - start));
            start = end + 1;
        }
        parts_.insert(parts_.begin(), names.begin(), names.end());
    }

    bool fail(const std::string& what) {
        problem_ = what;
        return false;
    }
    bool fail_errno(const char* doing, const fs::path& where) {
        return fail(fmt::format("cannot {} {}: {}", doing, where.string(), std::strerror(errno)));
    }

    // Takes `descriptor`, open on `real_`: it must be trusted as a folder on the way.
    bool enter(platform::OpenDirectory descriptor) {
        struct stat info {};
        if (::fstat(descriptor.get(), &info) != 0) {
            return fail_errno("look at", real_);
        }
        if (!owned_by_user_or_root(info)) {
            return fail(fmt::format("{} belongs to another user (id {})", real_.string(),
                                    static_cast<unsigned long>(info.st_uid)));
        }
        shared_ = writable_by_others(info);
        if (shared_ && (info.st_mode & S_ISVTX) == 0) {
            return fail(fmt::format("{} may be changed by other users (mode {})", real_.string(),
                                    mode_text(info)));
        }
        folder_ = std::move(descriptor);
        info_ = info;
        return true;
    }

    bool restart_at_root() {
        real_ = "/";
        platform::OpenDirectory root(open_walked(AT_FDCWD, "/"));
        return root ? enter(std::move(root)) : fail_errno("open", real_);
    }

    bool step_up() {
        if (real_ == real_.root_path()) {
            return true;
        }
        real_ = real_.parent_path();
        platform::OpenDirectory parent(open_walked(folder_.get(), ".."));
        return parent ? enter(std::move(parent)) : fail_errno("open", real_);
    }

    bool step_into(const std::string& name) {
        const fs::path path = real_ / name;
        struct stat entry {};
        if (::fstatat(folder_.get(), name.c_str(), &entry, AT_SYMLINK_NOFOLLOW) != 0) {
            if (errno != ENOENT) {
                return fail_errno("open", path);
            }
            if (::mkdirat(folder_.get(), name.c_str(), 0700) != 0 && errno != EEXIST) {
                return fail_errno("create", path);
            }
            return step_into(name); // what is there now, made by us or not
        }
        // In a sticky folder others may write (/tmp), only an entry of this
        // user's or root's is safe from being replaced.
        if (shared_ && !owned_by_user_or_root(entry)) {
            return fail(fmt::format("{} belongs to another user (id {})", path.string(),
                                    static_cast<unsigned long>(entry.st_uid)));
        }
        if (S_ISLNK(entry.st_mode)) {
            return follow_symlink(name, path);
        }
        if (!S_ISDIR(entry.st_mode)) {
            return fail(fmt::format("{} is not a folder", path.string()));
        }
        platform::OpenDirectory next(open_walked(folder_.get(), name.c_str()));
        real_ = path;
        return next ? enter(std::move(next)) : fail_errno("open", path);
    }

    bool follow_symlink(const std::string& name, const fs::path& path) {
        if (++symlinks_ > max_symlinks) {
            return fail(fmt::format("too many symlinks on the way to {}", path.string()));
        }
        std::vector<char> target(PATH_MAX + 1);
        const ssize_t length =
            ::readlinkat(folder_.get(), name.c_str(), target.data(), target.size());
        if (length < 0 || static_cast<std::size_t>(length) >= target.size()) {
            return fail_errno("read the symlink", path);
        }
        if (length == 0) {
            return fail(fmt::format("{} is an empty symlink", path.string()));
        }
        const fs::path link_target(std::string(target.data(), static_cast<std::size_t>(length)));
        push_front(link_target);
        return link_target.native()[0] == '/' ? restart_at_root() : true;
    }

    std::optional<PrivateFolder> finish() {
        if (info_.st_uid != ::geteuid()) {
            fail(fmt::format("{} belongs to another user (id {})", real_.string(),
                             static_cast<unsigned long>(info_.st_uid)));
            return std::nullopt;
        }
        // Never made private here: a folder the walk made is (0700), and one
        // that was there may be another program's (a sticky /tmp of root's).
        if ((info_.st_mode & 022) != 0) {
            fail(fmt::format("{} may be written by other users (mode {})", real_.string(),
                             mode_text(info_)));
            return std::nullopt;
        }
        platform::OpenDirectory readable(
            ::openat(folder_.get(), ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
        if (!readable) {
            fail_errno("open", real_);
            return std::nullopt;
        }
        return PrivateFolder{std::move(readable), real_, entry_below_shared_folder()};
    }

    // The folder of real_ just below the last one on the way others may write,
    // or nothing. Every part of real_ was just checked (this user's or root's).
    fs::path entry_below_shared_folder() const {
        fs::path walked = "/";
        fs::path entry;
        bool shared = false;
        for (const fs::path& part : real_.relative_path()) {
            struct stat info {};
            shared = ::lstat(walked.c_str(), &info) == 0 && writable_by_others(info);
            walked /= part;
            if (shared) {
                entry = walked;
            }
        }
        return entry;
    }

    std::string& problem_;
    std::deque<std::string> parts_;
    platform::OpenDirectory folder_;
    struct stat info_ {};
    fs::path real_;
    bool shared_ = false;
    int symlinks_ = 0;
};

} // namespace

std::optional<PrivateFolder> open_private_folder(const fs::path& path, std::string& problem) {
    return Walk(problem).run(path);
}

} // namespace cppvenv

#endif // _WIN32
