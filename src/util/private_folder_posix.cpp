// A folder that no other user can change, nor anything on the way to it (POSIX:
// owners and modes, walked from "/" with openat and O_NOFOLLOW).
#ifndef _WIN32

#include "util/private_folder.hpp"

#include <cerrno>
#include <cstring>
#include <deque>
#include <fcntl.h>
#include <fmt/format.h>
#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace cppvenv {
namespace fs = boost::filesystem;

namespace {

constexpr int max_symlinks = 40; // as the kernel's own limit on a path

// A group that is this user's alone: the user private group of Debian, Fedora
// and others (named after the user, no other members), whose folders are made
// group-writable by a umask of 002.
bool is_own_private_group(gid_t group) {
    if (group != ::getegid()) {
        return false;
    }
    const struct passwd* user = ::getpwuid(::geteuid());
    if (user == nullptr) {
        return false;
    }
    const std::string user_name = user->pw_name;
    const struct group* entry = ::getgrgid(group);
    if (entry == nullptr || user_name != entry->gr_name) {
        return false;
    }
    for (char** member = entry->gr_mem; *member != nullptr; ++member) {
        if (user_name != *member) {
            return false;
        }
    }
    return true;
}

bool writable_by_others(const struct stat& info) {
    return (info.st_mode & S_IWOTH) != 0 ||
           ((info.st_mode & S_IWGRP) != 0 && !is_own_private_group(info.st_gid));
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
    Walk(bool make, std::string& problem) : make_(make), problem_(problem) {}

    std::optional<PrivateFolder> run(const fs::path& path) {
        if (!path.is_absolute()) {
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
    void push_front(const fs::path& path) {
        std::vector<std::string> names;
        for (const fs::path& part : path.relative_path()) {
            names.push_back(part.string());
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
        platform::OpenDirectory root(platform::open_directory("/", platform::FinalSymlink::Follow));
        return root ? enter(std::move(root)) : fail_errno("open", real_);
    }

    bool step_up() {
        if (real_ == real_.root_path()) {
            return true;
        }
        real_ = real_.parent_path();
        platform::OpenDirectory parent(platform::open_directory_at(folder_.get(), ".."));
        return parent ? enter(std::move(parent)) : fail_errno("open", real_);
    }

    bool step_into(const std::string& name) {
        const fs::path path = real_ / name;
        struct stat entry {};
        if (::fstatat(folder_.get(), name.c_str(), &entry, AT_SYMLINK_NOFOLLOW) != 0) {
            if (errno != ENOENT || !make_) {
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
        platform::OpenDirectory next(platform::open_directory_at(folder_.get(), name));
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
        const fs::path link_target(std::string(target.data(), static_cast<std::size_t>(length)));
        push_front(link_target);
        return link_target.is_absolute() ? restart_at_root() : true;
    }

    std::optional<PrivateFolder> finish() {
        if (info_.st_uid != ::geteuid()) {
            fail(fmt::format("{} belongs to another user (id {})", real_.string(),
                             static_cast<unsigned long>(info_.st_uid)));
            return std::nullopt;
        }
        if ((info_.st_mode & 022) != 0) {
            // Ours: made private, as cppvenv made it (an older cppvenv under a
            // umask of 002), unless asked only to look.
            if (!make_ || ::fchmod(folder_.get(), (info_.st_mode & 07777) & ~022u) != 0) {
                fail(fmt::format("{} may be written by other users (mode {})", real_.string(),
                                 mode_text(info_)));
                return std::nullopt;
            }
        }
        return PrivateFolder{std::move(folder_), real_};
    }

    bool make_;
    std::string& problem_;
    std::deque<std::string> parts_;
    platform::OpenDirectory folder_;
    struct stat info_ {};
    fs::path real_;
    bool shared_ = false;
    int symlinks_ = 0;
};

} // namespace

std::optional<PrivateFolder> open_private_folder(const fs::path& path, bool make,
                                                 std::string& problem) {
    return Walk(make, problem).run(path);
}

} // namespace cppvenv

#endif // _WIN32
